package org.dnsmesh.governance.workflow;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A proposal of any {@link ChangeKind}, with the automated checks the caller already ran: the document, its
 * version (and the one it replaces), the contract assessment (contract versions) and kind-specific facts as a
 * JSON object (e.g. the policy diff).
 */
public record ProposeChange(ChangeKind kind, ChangeSubject subject, String proposedVersion, Optional<String> previousVersion,
                            String document, Optional<CompatibilityAssessment> assessment, String facts, List<CheckResult> checks) {
  public ProposeChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(proposedVersion, "proposedVersion");
    previousVersion = previousVersion == null ? Optional.empty() : previousVersion;
    Objects.requireNonNull(document, "document");
    assessment = assessment == null ? Optional.empty() : assessment;
    facts = facts == null || facts.isBlank() ? "{}" : facts;
    checks = List.copyOf(checks);
  }

  /** A new contract version of a product. */
  public static ProposeChange contractVersion(ProductRef product, String proposedVersion, Optional<String> previousVersion,
                                              String contractDocument, CompatibilityAssessment assessment, List<CheckResult> checks) {
    return new ProposeChange(ChangeKind.CONTRACT_VERSION, ChangeSubject.of(product), proposedVersion, previousVersion,
        contractDocument, Optional.of(assessment), "{}", checks);
  }

  /** A new version of the access policy on top of the one in force. */
  public static ProposeChange accessPolicy(int proposedVersion, int versionInForce, String policyDocument, String factsJson,
                                           List<CheckResult> checks) {
    return new ProposeChange(ChangeKind.ACCESS_POLICY, ChangeSubject.mesh("policy"), Integer.toString(proposedVersion),
        Optional.of(Integer.toString(versionInForce)), policyDocument, Optional.empty(), factsJson, checks);
  }

  /**
   * An access request: its author asks to read {@code product} for {@code term}, for {@code purpose} (the
   * document reviewers read). {@code factsJson} holds what the checks found (e.g. whether the author reads it already).
   */
  public static ProposeChange accessRequest(ProductRef product, AccessTerm term, String purpose, String factsJson,
                                            List<CheckResult> checks) {
    return new ProposeChange(ChangeKind.ACCESS_REQUEST, ChangeSubject.of(product), term.iso(), Optional.empty(), purpose,
        Optional.empty(), factsJson, checks);
  }

  /**
   * A suppression of {@code product}'s findings (security detections): the window is its version, the suppression
   * as JSON its document; {@code factsJson} holds what the checks found (who may approve).
   */
  public static ProposeChange suppression(ProductRef product, Suppression suppression, String factsJson,
                                          List<CheckResult> checks) {
    return new ProposeChange(ChangeKind.SUPPRESSION, ChangeSubject.of(product), suppression.window(), Optional.empty(),
        suppression.toDocument(), Optional.empty(), factsJson, checks);
  }
}

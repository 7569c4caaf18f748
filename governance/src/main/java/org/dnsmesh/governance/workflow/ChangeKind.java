package org.dnsmesh.governance.workflow;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dnsmesh.governance.policy.Operation;

/**
 * What a change request changes. Every kind goes through the same machine ({@link ChangeRequest},
 * {@link ChangeRequestService}): submit, automated checks stored on the change, review by the rules of
 * {@link ReviewRules} (never the author, quorum), hash-chained audit, an event, publication with retry. A kind
 * only says which operations the decision point must allow, how its versions look, and which reviewers it
 * needs; what publication does is the {@link ChangePublisher} registered for it. Access requests and
 * detection suppressions are meant to become two more values here.
 */
public enum ChangeKind {
  /** A new version of a data product's ODCS contract; subject: the product. */
  CONTRACT_VERSION,
  /** A new version of the whole access policy; subject: the mesh. */
  ACCESS_POLICY;

  private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
  private static final Pattern POLICY_VERSION = Pattern.compile("[1-9]\\d{0,8}");

  /** Name used in messages, e.g. "policy change". */
  public String noun() {
    return switch (this) {
      case CONTRACT_VERSION -> "change";
      case ACCESS_POLICY -> "policy change";
    };
  }

  /** Prefix of the audit actions of this kind ({@code change.approved}, {@code policy-change.approved}). */
  public String auditPrefix() {
    return switch (this) {
      case CONTRACT_VERSION -> "change";
      case ACCESS_POLICY -> "policy-change";
    };
  }

  /** The operation proposing (and revising) a change of this kind needs on its subject. */
  public Operation proposeOperation() {
    return switch (this) {
      case CONTRACT_VERSION -> Operation.PROPOSE_CHANGE;
      case ACCESS_POLICY -> Operation.UPDATE_POLICY;
    };
  }

  /** Seeing a change needs any one of these on its subject. */
  public List<Operation> readOperations() {
    return switch (this) {
      case CONTRACT_VERSION -> List.of(Operation.READ_METADATA);
      case ACCESS_POLICY -> List.of(Operation.UPDATE_POLICY, Operation.READ_AUDIT_LOG);
    };
  }

  /**
   * The operation a review needs on the subject besides the review rules; empty when the review rules alone
   * decide (a policy change: holders of the global governance role).
   */
  public Optional<Operation> reviewOperation(Verdict verdict) {
    return switch (this) {
      case CONTRACT_VERSION -> Optional.of(verdict == Verdict.APPROVE ? Operation.APPROVE_CHANGE : Operation.REJECT_CHANGE);
      case ACCESS_POLICY -> Optional.empty();
    };
  }

  /** The operation retrying a failed publication needs on the subject. */
  public Operation publishOperation() {
    return switch (this) {
      case CONTRACT_VERSION -> Operation.PUBLISH_CONTRACT;
      case ACCESS_POLICY -> Operation.UPDATE_POLICY;
    };
  }

  /** Refuses a version this kind cannot carry (semver for contracts, a positive integer for the policy). */
  public void checkVersion(String role, String version) {
    Pattern valid = switch (this) {
      case CONTRACT_VERSION -> SEMVER;
      case ACCESS_POLICY -> POLICY_VERSION;
    };
    if (!valid.matcher(version).matches()) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_REQUEST, role + " version '" + version + "' is not "
          + (this == CONTRACT_VERSION ? "semver x.y.z" : "a positive integer"));
    }
  }
}

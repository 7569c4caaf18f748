package org.dnsmesh.governance.workflow;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.ResourceRef;

/**
 * What a change request changes. Every kind goes through the same machine ({@link ChangeRequest},
 * {@link ChangeRequestService}): submit, automated checks stored on the change, review by the rules of
 * {@link ReviewRules} (never the author, quorum), hash-chained audit, an event, publication with retry. A kind
 * only says which operations the decision point must allow, how its versions look, and which reviewers it
 * needs; what publication does is the {@link ChangePublisher} registered for it.
 */
public enum ChangeKind {
  /** A new version of a data product's ODCS contract; subject: the product. */
  CONTRACT_VERSION,
  /** A new version of the whole access policy; subject: the mesh. */
  ACCESS_POLICY,
  /**
   * A principal asks to read a data product for a while; subject: the product. Its "version" is the term asked
   * for (an ISO-8601 duration, {@link AccessTerm}); approval by a steward of the product's domain becomes a
   * time-boxed grant ({@link AccessGrant}) that expires on its own.
   */
  ACCESS_REQUEST,
  /**
   * A time-boxed suppression of security findings ({@link Suppression}); subject: the product whose findings it
   * suppresses ({@code security.detections}). Its "version" is the window {@code from/until}; only a steward of the
   * subject's domain approves it, and approval puts it on the topic the detection topology reads.
   */
  SUPPRESSION;

  private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
  private static final Pattern POLICY_VERSION = Pattern.compile("[1-9]\\d{0,8}");

  /** Name used in messages, e.g. "policy change". */
  public String noun() {
    return switch (this) {
      case CONTRACT_VERSION -> "change";
      case ACCESS_POLICY -> "policy change";
      case ACCESS_REQUEST -> "access request";
      case SUPPRESSION -> "suppression";
    };
  }

  /** Prefix of the audit actions of this kind ({@code change.approved}, {@code policy-change.approved}). */
  public String auditPrefix() {
    return switch (this) {
      case CONTRACT_VERSION -> "change";
      case ACCESS_POLICY -> "policy-change";
      case ACCESS_REQUEST -> "access-request";
      case SUPPRESSION -> "suppression";
    };
  }

  /** The operation proposing (and revising) a change of this kind needs on {@link #proposeResource}. */
  public Operation proposeOperation() {
    return switch (this) {
      case CONTRACT_VERSION -> Operation.PROPOSE_CHANGE;
      case ACCESS_POLICY -> Operation.UPDATE_POLICY;
      case ACCESS_REQUEST -> Operation.LIST_CATALOG;
      // whoever may see the findings (security analysts and stewards) may ask to suppress some of them
      case SUPPRESSION -> Operation.READ_METADATA;
    };
  }

  /**
   * Where {@link #proposeOperation} is asked: the subject itself, except for an access request, which anyone who
   * may list the product's domain may file (they do not read the product yet: that is what they ask for).
   */
  public ResourceRef proposeResource(ChangeSubject subject) {
    return switch (this) {
      case CONTRACT_VERSION, ACCESS_POLICY, SUPPRESSION -> subject.toResource();
      case ACCESS_REQUEST -> subject.domain().map(d -> ResourceRef.domain(d.value())).orElseGet(subject::toResource);
    };
  }

  /** Seeing a change needs any one of these on its subject. */
  public List<Operation> readOperations() {
    return switch (this) {
      case CONTRACT_VERSION -> List.of(Operation.READ_METADATA);
      case ACCESS_POLICY -> List.of(Operation.UPDATE_POLICY, Operation.READ_AUDIT_LOG);
      // who may review on the product (its domain's stewards; governance sees them but does not count as a
      // reviewer); the requester sees their own request too (ChangeRequestService)
      case ACCESS_REQUEST -> List.of(Operation.APPROVE_CHANGE);
      // suppressed findings stay visible, and so do the suppressions behind them
      case SUPPRESSION -> List.of(Operation.READ_METADATA);
    };
  }

  /**
   * The operation a review needs on the subject besides the review rules; empty when the review rules alone
   * decide (a policy change: holders of the global governance role).
   */
  public Optional<Operation> reviewOperation(Verdict verdict) {
    return switch (this) {
      case CONTRACT_VERSION, ACCESS_REQUEST, SUPPRESSION ->
          Optional.of(verdict == Verdict.APPROVE ? Operation.APPROVE_CHANGE : Operation.REJECT_CHANGE);
      case ACCESS_POLICY -> Optional.empty();
    };
  }

  /**
   * Whether a change of this kind in force may be revoked before it ends by itself ({@link ChangeRequestService#revoke}).
   * Only a suppression: revoking it puts the detection coverage back to normal, the safe direction. A contract or
   * policy version is superseded by a new reviewed version, never withdrawn.
   */
  public boolean revocable() {
    return this == SUPPRESSION;
  }

  /** The operation retrying a failed publication needs on the subject. */
  public Operation publishOperation() {
    return switch (this) {
      case CONTRACT_VERSION -> Operation.PUBLISH_CONTRACT;
      case ACCESS_POLICY -> Operation.UPDATE_POLICY;
      case ACCESS_REQUEST, SUPPRESSION -> Operation.APPROVE_CHANGE;
    };
  }

  /**
   * Refuses a version this kind cannot carry (semver for contracts, a positive integer for the policy, an
   * ISO-8601 duration for an access request's term, an interval of at most 30 days for a suppression).
   */
  public void checkVersion(String role, String version) {
    boolean valid = switch (this) {
      case CONTRACT_VERSION -> SEMVER.matcher(version).matches();
      case ACCESS_POLICY -> POLICY_VERSION.matcher(version).matches();
      case ACCESS_REQUEST -> AccessTerm.FORMAT.matcher(version).matches();
      case SUPPRESSION -> Suppression.isWindow(version);
    };
    if (!valid) {
      throw new WorkflowException(WorkflowException.Reason.INVALID_REQUEST, role + " version '" + version + "' is not "
          + switch (this) {
            case CONTRACT_VERSION -> "semver x.y.z";
            case ACCESS_POLICY -> "a positive integer";
            case ACCESS_REQUEST -> "an ISO-8601 duration such as P30D or PT12H";
            case SUPPRESSION -> "a window from/until of two ISO-8601 instants at most 30 days apart";
          });
    }
  }
}

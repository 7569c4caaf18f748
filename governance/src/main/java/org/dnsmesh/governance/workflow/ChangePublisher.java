package org.dnsmesh.governance.workflow;

import java.time.Instant;
import org.dnsmesh.governance.policy.PrincipalName;

/**
 * Where an approved change of one {@link ChangeKind} takes effect (the catalog registers one per kind: the
 * registry for contract versions, the policy file and decision point for the access policy). The machine
 * calls {@link #publish} right after the approval that met the quorum, and again on each retry; a failed
 * publication leaves the change APPROVED with the reason.
 */
public interface ChangePublisher {
  /** Refuses (with a {@link WorkflowException}) an approval that could no longer be applied; by default none. */
  default void checkApprovable(ChangeRequest change) {}

  Publication publish(ChangeRequest approved, PrincipalName approver);

  /**
   * Withdraws a change in force from where it took effect, from {@code revokedAt} on ({@link ChangeRequestService#revoke}
   * records the revocation only after this returns, so a throw leaves the change as it was). Kinds that are not
   * {@link ChangeKind#revocable} never get here; by default nothing can be revoked.
   */
  default void revoke(ChangeRequest inForce, PrincipalName actor, Instant revokedAt) {
    throw new WorkflowException(WorkflowException.Reason.INVALID_REQUEST, inForce.kind().noun() + " " + inForce.id()
        + " cannot be revoked here");
  }

  /** What publication did: the change itself, then the access rules regenerated from it. */
  record Publication(boolean published, String detail, boolean rulesRegenerated, String rulesDetail) {
    public static Publication failed(String detail) {
      return new Publication(false, detail, false, "not attempted");
    }
  }
}

package org.dnsmesh.governance.workflow;

import java.time.Instant;
import java.util.List;

/** Storage of {@link AccessGrant}s, inside a {@link org.dnsmesh.governance.store.GovernanceStore} transaction. */
public interface AccessGrantRepository {
  /** Stores the grant of an approved request; false when that request's grant is already stored (a retry). */
  boolean insert(AccessGrant grant);

  /** Grants not revoked and not expired at {@code now}. */
  List<AccessGrant> inForce(Instant now);

  /** The grant of one access request, if it was approved. */
  java.util.Optional<AccessGrant> find(ChangeRequestId change);

  /**
   * Revokes every grant expired at {@code now} that is not revoked yet, stamping {@code now} and {@code by};
   * returns exactly the grants this call revoked (a concurrent checker gets the others).
   */
  List<AccessGrant> revokeExpired(Instant now, String by);
}

package org.dnsmesh.catalog.governance;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.workflow.AccessGrant;
import org.jboss.logging.Logger;

/**
 * The time-boxed grants of approved access requests that are in force, as last read from governance's store,
 * and the one way they enter a policy: {@link #over} adds them to the reviewed policy wherever the catalog
 * compiles it (its decision point, Trino's rules, the OPA bundle). A grant past its expiry is left out at once,
 * even before {@link AccessGrantExpiry} revokes and audits it.
 */
@ApplicationScoped
public class GrantsInForce {
  private static final Logger LOG = Logger.getLogger(GrantsInForce.class);

  private final GovernanceContext context;
  private final AtomicReference<List<AccessGrant>> grants = new AtomicReference<>(List.of());

  public GrantsInForce(GovernanceContext context) {
    this.context = context;
    try {
      reload();
    } catch (RuntimeException e) {
      LOG.errorf("Access grants not loaded at startup (%s): none are in force until the next expiry check", e.getMessage());
    }
  }

  /** Re-reads the grants in force; true when they differ from the ones held. */
  public boolean reload() {
    List<AccessGrant> current = context.store().<List<AccessGrant>>inTransaction(tx -> tx.grants().inForce(context.clock().instant()));
    List<AccessGrant> previous = grants.getAndSet(List.copyOf(current));
    return !Objects.equals(previous, current);
  }

  public List<AccessGrant> all() {
    return grants.get();
  }

  /** {@code policy} plus the grants in force now (the same object when there are none). */
  public AccessPolicy over(AccessPolicy policy) {
    return AccessGrant.over(policy, grants.get(), context.clock().instant());
  }
}

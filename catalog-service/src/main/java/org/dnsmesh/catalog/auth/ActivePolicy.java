package org.dnsmesh.catalog.auth;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.dnsmesh.governance.decision.Decision;
import org.dnsmesh.governance.decision.PolicyDecisionPoint;
import org.dnsmesh.governance.decision.PolicyDecisionPointFactory;
import org.dnsmesh.governance.decision.PolicyEngineConfig;
import org.dnsmesh.governance.decision.TableAccess;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.TableClassifications;
import org.dnsmesh.governance.policy.TableRef;
import org.jboss.logging.Logger;

/**
 * The access policy in force and the decision point over it, behind one atomic reference, so an approved
 * policy change applies to the next request without a restart (policy and decision point swap together;
 * a request already being decided finishes on the old pair). With {@code mesh.policy.engine=opa} the
 * decisions stay with OPA (which needs the recompiled bundle) and only the policy (dev principals) swaps.
 */
public final class ActivePolicy {
  private static final Logger LOG = Logger.getLogger(ActivePolicy.class);

  private record State(AccessPolicy policy, PolicyDecisionPoint decisions) {}

  private final PolicyEngineConfig engine;
  private final Function<AccessPolicy, TableClassifications> tables;
  private final AtomicReference<State> state;

  /** @param tables the classified tables under a policy (masks and filters, hence who is handed files) */
  ActivePolicy(PolicyEngineConfig engine, AccessPolicy policy, Function<AccessPolicy, TableClassifications> tables) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.tables = Objects.requireNonNull(tables, "tables");
    this.state = new AtomicReference<>(new State(policy, build(policy, null)));
  }

  public AccessPolicy policy() {
    return state.get().policy();
  }

  PolicyDecisionPoint decisions() {
    return state.get().decisions();
  }

  /** Whether decisions are evaluated in process (and so follow {@link #activate}). */
  public boolean embedded() {
    return engine.engine() == PolicyEngineConfig.Engine.EMBEDDED;
  }

  /** Puts {@code next} in force for every following decision (a fresh decision cache: nothing stale). */
  public void activate(AccessPolicy next) {
    Objects.requireNonNull(next, "next");
    State previous = state.get();
    state.set(new State(next, build(next, previous.decisions())));
    LOG.infof("Access policy version %d is in force (was %d); decision engine %s", next.version(),
        previous.policy().version(), embedded() ? "embedded (swapped)" : "opa (unchanged: load the recompiled bundle into OPA)");
  }

  private PolicyDecisionPoint build(AccessPolicy policy, PolicyDecisionPoint current) {
    // classifications decide masks and filters, hence who is handed a table's files (loadTable)
    return switch (engine.engine()) {
      case EMBEDDED -> PolicyDecisionPointFactory.create(engine, policy, tables.apply(policy));
      case OPA -> current != null ? current : PolicyDecisionPointFactory.create(engine, tables.apply(policy));
    };
  }

  /** The decision point the rest of the service injects: always asks the pair in force. */
  PolicyDecisionPoint asDecisionPoint() {
    return new PolicyDecisionPoint() {
      @Override
      public Decision authorize(PrincipalName principal, Operation operation, ResourceRef resource) {
        return decisions().authorize(principal, operation, resource);
      }

      @Override
      public TableAccess tableAccess(PrincipalName principal, TableRef table) {
        return decisions().tableAccess(principal, table);
      }
    };
  }
}

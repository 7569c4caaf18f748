package org.dnsmesh.catalog.auth;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;
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
 * The embedded decision point decides on the policy plus the time-boxed grants of approved access requests
 * ({@code overlay}); {@link #refresh} rebuilds it when those change.
 */
public final class ActivePolicy {
  private static final Logger LOG = Logger.getLogger(ActivePolicy.class);

  /** {@code effective}: the policy the decision point evaluates (the reviewed one plus the grants in force). */
  private record State(AccessPolicy policy, AccessPolicy effective, PolicyDecisionPoint decisions) {}

  private final PolicyEngineConfig engine;
  private final Function<AccessPolicy, TableClassifications> tables;
  private final UnaryOperator<AccessPolicy> overlay;
  private final AtomicReference<State> state;

  /**
   * @param tables the classified tables under a policy (masks and filters, hence who is handed files)
   * @param overlay what the decision point adds to the policy in force (the access grants in force)
   */
  ActivePolicy(PolicyEngineConfig engine, AccessPolicy policy, Function<AccessPolicy, TableClassifications> tables,
      UnaryOperator<AccessPolicy> overlay) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.tables = Objects.requireNonNull(tables, "tables");
    this.overlay = Objects.requireNonNull(overlay, "overlay");
    AccessPolicy effective = effective(policy);
    this.state = new AtomicReference<>(new State(policy, effective, build(policy, effective, null)));
  }

  /** Rebuilds the decision point over the same policy (the grants in force changed). */
  public synchronized void refresh() {
    State current = state.get();
    AccessPolicy effective = effective(current.policy());
    state.set(new State(current.policy(), effective, build(current.policy(), effective, current.decisions())));
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
  public synchronized void activate(AccessPolicy next) {
    Objects.requireNonNull(next, "next");
    State previous = state.get();
    AccessPolicy effective = effective(next);
    state.set(new State(next, effective, build(next, effective, previous.decisions())));
    LOG.infof("Access policy version %d is in force (was %d); decision engine %s", next.version(),
        previous.policy().version(), embedded() ? "embedded (swapped)" : "opa (unchanged: load the recompiled bundle into OPA)");
  }

  private AccessPolicy effective(AccessPolicy policy) {
    return embedded() ? overlay.apply(policy) : policy;
  }

  private PolicyDecisionPoint build(AccessPolicy policy, AccessPolicy effective, PolicyDecisionPoint current) {
    // classifications decide masks and filters, hence who is handed a table's files (loadTable)
    return switch (engine.engine()) {
      case EMBEDDED -> PolicyDecisionPointFactory.create(engine, effective, tables.apply(effective));
      case OPA -> current != null ? current : PolicyDecisionPointFactory.create(engine, tables.apply(policy));
    };
  }

  /**
   * The classified columns of {@code table} exactly as the decision point in force sees them (same policy, same
   * published contracts), so a page listing columns next to {@link PolicyDecisionPoint#tableAccess} shows the
   * columns the masks were decided on.
   */
  public java.util.Optional<org.dnsmesh.governance.policy.TableClassification> classification(TableRef table) {
    return tables.apply(state.get().effective()).find(table);
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

package org.dnsmesh.governance.decision;

import java.util.List;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.TableRef;

/**
 * The one question every handler asks before touching state. Implementations: {@link EmbeddedPolicyDecisionPoint}
 * (default) and {@link OpaPolicyDecisionPoint}, chosen by {@code mesh.policy.engine} in
 * {@link PolicyDecisionPointFactory}. Implementations never throw for a decision: errors, timeouts and
 * unknown inputs come back as denials.
 */
public interface PolicyDecisionPoint {

  /** May {@code principal} perform an API {@code operation} on {@code resource}? */
  Decision authorize(PrincipalName principal, Operation operation, ResourceRef resource);

  /** Privileges, column masks and row filters of {@code principal} on {@code table}; unknown table -> denied. */
  TableAccess tableAccess(PrincipalName principal, TableRef table);

  default void authorizeOrThrow(PrincipalName principal, Operation operation, ResourceRef resource) {
    Decision decision = authorize(principal, operation, resource);
    if (!decision.allowed()) {
      throw new AccessDeniedException(principal, operation, resource, decision);
    }
  }

  default List<ColumnMask> columnMasks(PrincipalName principal, TableRef table) {
    return tableAccess(principal, table).columnMasks();
  }

  default List<RowFilter> rowFilters(PrincipalName principal, TableRef table) {
    return tableAccess(principal, table).rowFilters();
  }
}

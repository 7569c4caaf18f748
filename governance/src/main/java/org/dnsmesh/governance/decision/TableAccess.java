package org.dnsmesh.governance.decision;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.dnsmesh.governance.policy.Privilege;

/**
 * What a principal may do with one table and how it sees it: privileges, column masks, row filters.
 * Masks and filters come in the same decision as access, so a failure can only ever deny the whole table.
 */
public record TableAccess(Decision decision, Set<Privilege> privileges, List<ColumnMask> columnMasks,
                          List<RowFilter> rowFilters) {
  public TableAccess {
    Objects.requireNonNull(decision, "decision");
    privileges = privileges.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(privileges));
    columnMasks = List.copyOf(columnMasks);
    rowFilters = List.copyOf(rowFilters);
    if (!decision.allowed() && !(privileges.isEmpty() && columnMasks.isEmpty() && rowFilters.isEmpty())) {
      throw new IllegalArgumentException("a denied table access carries no privileges, masks or filters");
    }
  }

  public static TableAccess denied(Decision decision) {
    return new TableAccess(decision, Set.of(), List.of(), List.of());
  }

  public boolean can(Privilege privilege) {
    return decision.allowed() && privileges.contains(privilege);
  }
}

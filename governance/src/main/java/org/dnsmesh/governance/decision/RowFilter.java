package org.dnsmesh.governance.decision;

import java.util.Objects;

/** A SQL predicate rows must satisfy to be visible; several filters on one table are ANDed. */
public record RowFilter(String expression) {
  public RowFilter {
    Objects.requireNonNull(expression, "expression");
  }
}

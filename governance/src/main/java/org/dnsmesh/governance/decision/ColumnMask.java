package org.dnsmesh.governance.decision;

import java.util.Objects;
import org.dnsmesh.governance.policy.MaskFunction;

/** A column a principal sees masked, with the Trino SQL expression that masks it. */
public record ColumnMask(String column, MaskFunction function, String expression) {
  public ColumnMask {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(expression, "expression");
  }
}

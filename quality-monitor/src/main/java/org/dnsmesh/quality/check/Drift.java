package org.dnsmesh.quality.check;

import java.util.Objects;

/** One difference between the table's schema and the contract's columns. */
public record Drift(Kind kind, String column, String detail) {
  public enum Kind {
    /** In the contract, not in the table. */
    MISSING,
    /** In the table, not in the contract. */
    EXTRA,
    /** Same name, type that does not match the contract. */
    RETYPED,
    /** The field id that carried the contract's name now carries another name. */
    RENAMED,
    /** Required in the contract, optional in the table. */
    NULLABILITY
  }

  public Drift {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return kind + " " + column + ": " + detail;
  }
}

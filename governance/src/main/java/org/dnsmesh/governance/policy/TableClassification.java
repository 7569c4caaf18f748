package org.dnsmesh.governance.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The classified columns of one table (derived from its data contract by the caller). */
public record TableClassification(TableRef table, List<ColumnInfo> columns) {
  public TableClassification {
    Objects.requireNonNull(table, "table");
    columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
  }

  public Optional<ColumnInfo> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}

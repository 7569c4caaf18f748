package org.dnsmesh.governance.policy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable in-memory {@link TableClassifications}, in the order given. */
public final class StaticTableClassifications implements TableClassifications {
  private final Map<TableRef, TableClassification> tables;

  public StaticTableClassifications(List<TableClassification> tables) {
    Map<TableRef, TableClassification> byRef = new LinkedHashMap<>();
    for (TableClassification table : tables) {
      if (byRef.put(table.table(), table) != null) {
        throw new IllegalArgumentException("table " + table.table() + " is classified twice");
      }
    }
    this.tables = java.util.Collections.unmodifiableMap(byRef);
  }

  @Override
  public Optional<TableClassification> find(TableRef table) {
    return Optional.ofNullable(tables.get(table));
  }

  @Override
  public Collection<TableClassification> all() {
    return tables.values();
  }
}

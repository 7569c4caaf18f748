package org.dnsmesh.products.demo;

import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.dnsmesh.products.pdns.RrsetHistory;

/**
 * An output a product keeps by merging the raw table's new rows into it, never by recomputing days: the passive-DNS
 * rrset history (first/last seen over all time). It records the raw snapshot it is up to date with in its own commits.
 */
record MergedTable(String table, RrsetHistory history) {

  MergedTable {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(history, "history");
  }

  static MergedTable rrsetHistory(RrsetHistory history) {
    return new MergedTable(history.id().name(), history);
  }

  org.apache.iceberg.Schema schema() {
    return history.schema();
  }

  /** Whether the table already reflects {@code raw}'s current snapshot. */
  boolean upToDate(Catalog catalog, Table raw) {
    if (!catalog.tableExists(history.id())) {
      return raw.currentSnapshot() == null;
    }
    Long source = RrsetHistory.sourceSnapshot(catalog.loadTable(history.id()));
    return raw.currentSnapshot() == null || source != null && source == raw.currentSnapshot().snapshotId();
  }

  /** Merges what {@code raw} added since; returns the rows the table holds. */
  RrsetHistory.Outcome refresh(Catalog catalog, Table raw, Map<String, String> snapshotSummary) {
    return history.refresh(catalog, raw, snapshotSummary);
  }

  long rows(Catalog catalog) {
    if (!catalog.tableExists(history.id())) {
      return 0;
    }
    Table table = catalog.loadTable(history.id());
    return table.currentSnapshot() == null ? 0
        : Long.parseLong(table.currentSnapshot().summary().getOrDefault("total-records", "0"));
  }
}

package org.dnsmesh.products.demo;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.dnsmesh.products.support.DerivedTables;
import org.dnsmesh.products.support.RawChanges;
import org.dnsmesh.products.support.Row;

/** One derived table of a product: its name and how its rows follow from the product's raw rows. */
record DerivedTable<R extends java.lang.Record>(String table, Class<R> type, Function<List<Row>, List<R>> compute) {

  DerivedTable {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(compute, "compute");
  }

  /** Recomputes the table from {@code raw} and replaces its rows; returns the rows written. */
  long write(Catalog catalog, String domain, List<Row> raw, Map<String, String> snapshotSummary) {
    return DerivedTables.replace(catalog, TableIdentifier.of(domain, table), type, compute.apply(raw), snapshotSummary);
  }

  /**
   * Brings the table up to date with {@code changes} of the raw table: {@code raw} holds the raw rows of the changed
   * days (every raw row when the change is everything); only those days' rows are recomputed and replaced. Each of
   * this product's derived rows depends on the raw rows of its own UTC day only. Returns the rows the table holds.
   */
  long refresh(Catalog catalog, String domain, RawChanges changes, List<Row> raw, Map<String, String> snapshotSummary) {
    if (changes.everything()) {
      return write(catalog, domain, raw, snapshotSummary);
    }
    return DerivedTables.replaceDays(catalog, TableIdentifier.of(domain, table), type, changes.days(),
        compute.apply(raw), snapshotSummary);
  }
}

package org.dnsmesh.quality.table;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;
import org.dnsmesh.quality.model.TableKey;

/**
 * {@link TableSource} over any Iceberg {@link Catalog} (REST in the service, JDBC in tests). Reads metadata
 * and manifests only, never data files: the newest event time comes from data-file upper bounds.
 */
public final class CatalogTableSource implements TableSource {
  private final Catalog catalog;
  private final Function<TableKey, TableIdentifier> naming;
  private final Duration eventTimeLookback;

  /**
   * @param naming maps a product table to its identifier in the catalog
   * @param eventTimeLookback only manifests that may hold event times newer than the newest commit minus
   *     this are read, to keep the scan planning small on big tables
   */
  public CatalogTableSource(Catalog catalog, Function<TableKey, TableIdentifier> naming, Duration eventTimeLookback) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.naming = Objects.requireNonNull(naming, "naming");
    this.eventTimeLookback = Objects.requireNonNull(eventTimeLookback, "eventTimeLookback");
  }

  /** Table {@code a.b.c} of the key is taken as a dotted Iceberg identifier. */
  public static Function<TableKey, TableIdentifier> dottedNames() {
    return key -> TableIdentifier.parse(key.table());
  }

  @Override
  public TableView load(TableKey key, Optional<String> eventTimeColumn) {
    Table table = catalog.loadTable(naming.apply(key));
    return view(key, table, eventTimeColumn, eventTimeLookback);
  }

  /** Builds the view from an already loaded table. */
  public static TableView view(TableKey key, Table table, Optional<String> eventTimeColumn, Duration lookback) {
    List<SnapshotView> snapshots = new ArrayList<>();
    if (table.currentSnapshot() != null) {
      for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
        snapshots.add(SnapshotView.of(snapshot));
      }
    }
    Schema current = table.schema();
    List<Schema> past = table.schemas().values().stream().filter(s -> s.schemaId() != current.schemaId()).toList();
    Optional<Instant> maxEventTime = eventTimeColumn.flatMap(column -> maxEventTime(table, column, lookback));
    return new TableView(key, current, past, snapshots, maxEventTime);
  }

  private static Optional<Instant> maxEventTime(Table table, String column, Duration lookback) {
    Snapshot current = table.currentSnapshot();
    Types.NestedField field = table.schema().findField(column);
    if (current == null || field == null) {
      return Optional.empty();
    }
    Type type = field.type();
    if (type.typeId() != Type.TypeID.TIMESTAMP) {
      throw new IllegalArgumentException("event time column '" + column + "' of " + table.name()
          + " is " + type + ", expected a timestamp");
    }
    long floorMicros = Instant.ofEpochMilli(current.timestampMillis()).minus(lookback).toEpochMilli() * 1000;
    Long max = null;
    try (CloseableIterable<FileScanTask> tasks = table.newScan().includeColumnStats()
        .filter(Expressions.greaterThanOrEqual(column, floorMicros)).planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile file = task.file();
        ByteBuffer upper = file.upperBounds() == null ? null : file.upperBounds().get(field.fieldId());
        if (upper != null) {
          long micros = Conversions.fromByteBuffer(type, upper);
          max = max == null ? micros : Math.max(max, micros);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("planning files of " + table.name(), e);
    }
    return Optional.ofNullable(max).map(micros -> Instant.EPOCH.plus(Duration.ofNanos(micros * 1000)));
  }
}

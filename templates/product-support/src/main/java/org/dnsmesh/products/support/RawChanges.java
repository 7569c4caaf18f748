package org.dnsmesh.products.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * What changed in a product's raw table since a derived table was last computed, as the UTC days whose rows changed,
 * so the derived tables are refreshed for those days only and the raw table is never reloaded whole. Appends are
 * planned with Iceberg's incremental append scan ({@code newIncrementalAppendScan}, manifests only: no row is read);
 * overwrites (a backfill's partition replacement) by the snapshot's added and removed data files. A day is taken
 * from each file's {@code day(event_ts)} partition or its {@code event_ts} lower and upper bounds; when a file has neither, or the last computed snapshot
 * is no longer an ancestor (rolled back, expired), the change is {@link #everything}.
 *
 * @param days the UTC days to recompute (empty: nothing changed); ignored when {@code everything}
 * @param everything recompute every day from the whole raw table
 */
public record RawChanges(Set<LocalDate> days, boolean everything) {

  static final String EVENT_TS = "event_ts";

  public RawChanges {
    days = Set.copyOf(Objects.requireNonNull(days, "days"));
  }

  public static RawChanges all() {
    return new RawChanges(Set.of(), true);
  }

  public boolean isEmpty() {
    return !everything && days.isEmpty();
  }

  /**
   * The change from snapshot {@code fromSnapshotId} (exclusive; null: never computed) to the table's current one.
   */
  public static RawChanges since(Table raw, Long fromSnapshotId) {
    Snapshot current = raw.currentSnapshot();
    if (current == null) {
      return new RawChanges(Set.of(), fromSnapshotId != null);
    }
    if (fromSnapshotId == null) {
      return all();
    }
    if (fromSnapshotId == current.snapshotId()) {
      return new RawChanges(Set.of(), false);
    }
    if (raw.snapshot(fromSnapshotId) == null
        || !SnapshotUtil.isAncestorOf(raw, current.snapshotId(), fromSnapshotId)) {
      return all();
    }
    Types.NestedField eventTs = raw.schema().findField(EVENT_TS);
    if (eventTs == null) {
      return all();
    }
    Set<LocalDate> days = new TreeSet<>();
    boolean onlyAppends = true;
    List<Snapshot> between = new ArrayList<>();
    for (Snapshot snapshot : SnapshotUtil.ancestorsBetween(raw, current.snapshotId(), fromSnapshotId)) {
      between.add(snapshot);
      onlyAppends &= DataOperations.APPEND.equals(snapshot.operation());
    }
    if (onlyAppends) {
      try (CloseableIterable<FileScanTask> tasks = raw.newIncrementalAppendScan()
          .fromSnapshotExclusive(fromSnapshotId).toSnapshot(current.snapshotId()).includeColumnStats().planFiles()) {
        for (FileScanTask task : tasks) {
          if (!addDays(task.file(), eventTs, days)) {
            return all();
          }
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return new RawChanges(days, false);
    }
    for (Snapshot snapshot : between) {
      for (Iterable<? extends ContentFile<?>> files : List.of(snapshot.addedDataFiles(raw.io()),
          snapshot.removedDataFiles(raw.io()), snapshot.addedDeleteFiles(raw.io()),
          snapshot.removedDeleteFiles(raw.io()))) {
        for (ContentFile<?> file : files) {
          if (!addPartitionDay(raw, file, eventTs, days) && !addDays(file, eventTs, days)) {
            return all();
          }
        }
      }
    }
    return new RawChanges(days, false);
  }

  /** Adds the UTC day of the file's {@code day(event_ts)} or {@code hour(event_ts)} partition; false when none. */
  private static boolean addPartitionDay(Table raw, ContentFile<?> file, Types.NestedField eventTs,
      Set<LocalDate> days) {
    org.apache.iceberg.PartitionSpec spec = raw.specs().get(file.specId());
    if (spec == null || file.partition() == null) {
      return false;
    }
    List<org.apache.iceberg.PartitionField> fields = spec.fields();
    for (int i = 0; i < fields.size(); i++) {
      org.apache.iceberg.PartitionField field = fields.get(i);
      if (field.sourceId() != eventTs.fieldId()) {
        continue;
      }
      String transform = field.transform().toString();
      Integer value = file.partition().get(i, Integer.class);
      if (value == null) {
        return false;
      }
      if ("day".equals(transform)) {
        days.add(LocalDate.ofEpochDay(value));
        return true;
      }
      if ("hour".equals(transform)) {
        days.add(LocalDate.ofEpochDay(Math.floorDiv(value, 24)));
        return true;
      }
    }
    return false;
  }

  /** Adds the UTC days from the file's {@code event_ts} lower to upper bound; false when it has none. */
  private static boolean addDays(ContentFile<?> file, Types.NestedField eventTs, Set<LocalDate> days) {
    Map<Integer, ByteBuffer> lower = file.lowerBounds();
    Map<Integer, ByteBuffer> upper = file.upperBounds();
    if (file.recordCount() == 0) {
      return true;
    }
    if (lower == null || upper == null || lower.get(eventTs.fieldId()) == null
        || upper.get(eventTs.fieldId()) == null) {
      return false;
    }
    LocalDate first = day(Conversions.fromByteBuffer(eventTs.type(), lower.get(eventTs.fieldId())));
    LocalDate last = day(Conversions.fromByteBuffer(eventTs.type(), upper.get(eventTs.fieldId())));
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      days.add(d);
    }
    return true;
  }

  private static LocalDate day(Object micros) {
    return LocalDate.ofInstant(Instant.EPOCH.plus((Long) micros, ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  /**
   * The raw rows to recompute from: every row when {@link #everything}, else those of {@link #days} only (a scan
   * filtered on {@code event_ts}, which prunes the other days' files).
   */
  public List<Row> rows(Table raw) throws IOException {
    if (everything) {
      return KafkaProductRun.rows(raw);
    }
    if (days.isEmpty()) {
      return List.of();
    }
    raw.refresh();
    Expression filter = Expressions.alwaysFalse();
    for (LocalDate day : days) {
      filter = Expressions.or(filter, Expressions.and(
          Expressions.greaterThanOrEqual(EVENT_TS, micros(day)),
          Expressions.lessThan(EVENT_TS, micros(day.plusDays(1)))));
    }
    List<Row> rows = new ArrayList<>();
    List<Types.NestedField> columns = raw.schema().columns();
    try (CloseableIterable<Record> records = IcebergGenerics.read(raw).where(filter).build()) {
      for (Record record : records) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (Types.NestedField column : columns) {
          values.put(column.name(), record.getField(column.name()));
        }
        Row row = new Row(values);
        if (days.contains(row.day())) { // the scan's filter prunes files; rows are checked here too
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private static long micros(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
  }
}

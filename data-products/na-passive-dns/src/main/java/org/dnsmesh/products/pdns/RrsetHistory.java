package org.dnsmesh.products.pdns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.transforms.Transform;
import org.apache.iceberg.util.DataFileSet;
import org.apache.iceberg.util.DeleteFileSet;
import org.apache.iceberg.util.SnapshotUtil;
import org.dnsmesh.productkit.write.IcebergSchemas;
import org.dnsmesh.productkit.write.IcebergTableWriter;
import org.dnsmesh.products.support.ProductContract;
import org.dnsmesh.products.support.Row;

/**
 * The rrset history table ({@code na.rrset_history}), kept by MERGE semantics through the Iceberg API, copy on
 * write: a batch's records are aggregated by key, the table's partitions those keys fall in (the contract's
 * {@code bucket(16, rrname)}) are read, each key's row is merged ({@link Rrset#merge}: first_seen min, last_seen max,
 * count sum) or inserted, and the partitions' files are replaced in one {@code OverwriteFiles} commit validated from
 * the snapshot read (any concurrent data change to the table fails it, and the refresh starts again), so no merge is
 * lost or applied twice by a race.
 *
 * <p>Exactly once per raw snapshot: each commit records the raw snapshot it brings the history up to
 * ({@link #SOURCE_SNAPSHOT}, in the same atomic commit as the data); {@link #refresh} reads only the rows the raw
 * table's appends added after it. Replaying a refresh (a crash after the commit, a second pipeline, {@code mesh up}
 * again) finds nothing new. Raw snapshots that add no events (compaction's {@code replace}, retention's deletes) are
 * skipped: the history outlives the raw table's 30-day retention. A raw overwrite that adds rows (a backfill's
 * partition replacement) or a lost source snapshot (expired, rolled back) makes the refresh rebuild the history from
 * the whole raw table, which is exact for the raw table but forgets records only expired raw days had shown.
 *
 * <p>Lookups: by name, the bucket partition prunes to one sixteenth of the files and the sort on {@code rrname} to
 * row groups; by rdata (address -> names), Parquet bloom filters on {@code rdata} (and {@code rrname}) let readers,
 * Trino included, skip the row groups that do not hold the address.
 */
public final class RrsetHistory {
  /** Snapshot summary key: the raw snapshot the history is up to date with (same key as the demo's derived tables). */
  public static final String SOURCE_SNAPSHOT = "dnsmesh.derived.source-snapshot";
  /** Snapshot summary key: how the commit was made ({@code merge} or {@code rebuild}). */
  public static final String MODE = "dnsmesh.rrset.mode";
  /** Snapshot summary key: answer rows (transactions) the commit merged. */
  public static final String EVENTS = "dnsmesh.rrset.events";

  static final int ATTEMPTS = 5;
  static final List<String> RAW_COLUMNS = List.of("event_ts", "query_name", "answers", "answer_types", "ttls");

  private final ProductContract contract;
  private final Schema schema;

  /** @param contract the product's contract bound to its rrset object ({@link PassiveDns#rrsetContract()}) */
  public RrsetHistory(ProductContract contract) {
    this.contract = Objects.requireNonNull(contract, "contract");
    this.schema = IcebergSchemas.fromAvro(contract.avroSchema());
  }

  public TableIdentifier id() {
    return contract.table();
  }

  /** The table's schema, from the contract's rrset object. */
  public Schema schema() {
    return schema;
  }

  /** What a refresh did. */
  public record Outcome(String mode, long events, long rrsetsTouched, long rows, Long sourceSnapshot) {
    public static Outcome upToDate(long rows, Long source) {
      return new Outcome("up-to-date", 0, 0, rows, source);
    }
  }

  /** Loads the table, or creates it (with its namespace) with the contract's schema and layout and bloom filters. */
  public Table createOrLoad(Catalog catalog) {
    Table table = IcebergTableWriter.createOrLoad(catalog, id(), schema, contract.layout());
    Map<String, String> wanted = new LinkedHashMap<>();
    for (String column : List.of("rdata", "rrname")) {
      wanted.put("write.parquet.bloom-filter-enabled.column." + column, "true");
    }
    if (!wanted.entrySet().stream().allMatch(e -> e.getValue().equals(table.properties().get(e.getKey())))) {
      org.apache.iceberg.UpdateProperties update = table.updateProperties();
      wanted.forEach(update::set);
      update.commit();
      table.refresh();
    }
    return table;
  }

  /**
   * Brings the history up to date with {@code raw}'s current snapshot: merges the rows its appends added since the
   * history's {@link #SOURCE_SNAPSHOT} (rebuilds when it must, see the class comment); nothing when up to date.
   */
  public Outcome refresh(Catalog catalog, Table raw, Map<String, String> snapshotSummary) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Table table = createOrLoad(catalog);
      table.refresh();
      raw.refresh();
      try {
        return refreshOnce(table, raw, snapshotSummary);
      } catch (CommitFailedException | ValidationException e) {
        last = e; // a concurrent change to the history (another refresher, compaction): start again from it
      }
    }
    throw new IllegalStateException(id() + ": refresh failed " + ATTEMPTS + " times on concurrent changes", last);
  }

  private Outcome refreshOnce(Table table, Table raw, Map<String, String> snapshotSummary) {
    Snapshot to = raw.currentSnapshot();
    Long from = sourceSnapshot(table);
    if (to == null || (from != null && from == to.snapshotId())) {
      return Outcome.upToDate(rows(table), from);
    }
    Map<String, String> summary = new LinkedHashMap<>(snapshotSummary);
    summary.put(SOURCE_SNAPSHOT, Long.toString(to.snapshotId()));
    long[] events = new long[1];
    Map<Rrset.Key, Rrset> batch = new HashMap<>();
    if (mustRebuild(raw, from, to)) {
      try (CloseableIterable<Record> records =
          IcebergGenerics.read(raw).useSnapshot(to.snapshotId()).select(RAW_COLUMNS).build()) {
        RrsetObservations.add(rows(records, events), batch);
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + raw.name() + ": " + e.getMessage(), e);
      }
      summary.put(MODE, "rebuild");
      summary.put(EVENTS, Long.toString(events[0]));
      long written = replaceAll(table, batch.values(), summary);
      return new Outcome("rebuild", events[0], batch.size(), written, to.snapshotId());
    }
    readAppends(raw, from, to.snapshotId(), batch, events);
    summary.put(MODE, "merge");
    summary.put(EVENTS, Long.toString(events[0]));
    long rows = merge(table, batch, summary);
    return new Outcome("merge", events[0], batch.size(), rows, to.snapshotId());
  }

  /**
   * The raw snapshot the history was last brought up to: the newest snapshot of the history that says so (a
   * compaction or retention run on the history itself commits without it); null when never computed.
   */
  public static Long sourceSnapshot(Table table) {
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
      String source = snapshot.summary().get(SOURCE_SNAPSHOT);
      if (source != null) {
        return "none".equals(source) ? null : Long.valueOf(source);
      }
    }
    return null;
  }

  /** Whether the change from {@code from} to {@code to} cannot be merged: never computed, history lost, or rows replaced. */
  static boolean mustRebuild(Table raw, Long from, Snapshot to) {
    if (from == null || raw.snapshot(from) == null || !SnapshotUtil.isAncestorOf(raw, to.snapshotId(), from)) {
      return true;
    }
    for (Snapshot snapshot : SnapshotUtil.ancestorsBetween(raw, to.snapshotId(), from)) {
      boolean addsRows = !"0".equals(snapshot.summary().getOrDefault("added-data-files", "0"));
      if (DataOperations.OVERWRITE.equals(snapshot.operation()) && addsRows) {
        return true; // a backfill replaced partitions: some of its rows were merged before
      }
    }
    return false;
  }

  /** Adds the observations of the rows that the raw table's appends in (from, to] added. */
  private static void readAppends(Table raw, long from, long to, Map<Rrset.Key, Rrset> batch, long[] events) {
    Schema projection = raw.schema().select(RAW_COLUMNS);
    try (CloseableIterable<FileScanTask> tasks =
        raw.newIncrementalAppendScan().fromSnapshotExclusive(from).toSnapshot(to).planFiles()) {
      for (FileScanTask task : tasks) {
        if (task.file().format() != FileFormat.PARQUET) {
          throw new IllegalStateException(raw.name() + ": " + task.file().location() + " is " + task.file().format()
              + ", the rrset history reads Parquet only");
        }
        try (CloseableIterable<Record> records = Parquet.read(raw.io().newInputFile(task.file().location()))
            .project(projection)
            .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(projection, fileSchema))
            .build()) {
          RrsetObservations.add(rows(records, events), batch);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the appends of " + raw.name() + ": " + e.getMessage(), e);
    }
  }

  private static Iterable<Row> rows(Iterable<Record> records, long[] events) {
    return () -> new java.util.Iterator<>() {
      final java.util.Iterator<Record> it = records.iterator();

      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Row next() {
        Record record = it.next();
        events[0]++;
        Map<String, Object> values = new HashMap<>(8);
        for (String column : RAW_COLUMNS) {
          values.put(column, record.getField(column));
        }
        return new Row(values);
      }
    };
  }

  /**
   * Merges {@code batch} into the table in one commit: the partitions its keys fall in are read (deletes applied),
   * merged and rewritten one partition at a time (memory: the batch and one partition); the others are untouched.
   * Returns the rows the rewritten partitions hold.
   */
  public long merge(Table table, Map<Rrset.Key, Rrset> batch, Map<String, String> summary) {
    Snapshot base = table.currentSnapshot();
    Map<Object, List<Rrset>> byPartition = byPartition(table, batch.values());
    List<FileScanTask> old = new ArrayList<>();
    List<DataFile> added = new ArrayList<>();
    long rows = 0;
    if (base != null && !byPartition.isEmpty()) {
      try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(base.snapshotId())
          .filter(partitionFilter(table, byPartition.keySet())).planFiles()) {
        tasks.forEach(old::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    IcebergTableWriter writer = new IcebergTableWriter(table);
    for (Map.Entry<Object, List<Rrset>> partition : byPartition.entrySet()) {
      Map<Rrset.Key, Rrset> merged = new HashMap<>();
      partition.getValue().forEach(r -> merged.put(r.key(), r));
      if (base != null) {
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).useSnapshot(base.snapshotId())
            .where(partitionFilter(table, List.of(partition.getKey()))).build()) {
          for (Record record : records) {
            Rrset existing = rrset(record);
            merged.merge(existing.key(), existing, Rrset::merge);
          }
        } catch (IOException e) {
          throw new UncheckedIOException("reading " + table.name() + ": " + e.getMessage(), e);
        }
      }
      added.addAll(writer.write(records(table.schema(), merged.values())));
      rows += merged.size();
    }
    commit(table, base, old, added, summary);
    return rows;
  }

  /** Replaces every row of the table with {@code rows} in one commit. */
  long replaceAll(Table table, java.util.Collection<Rrset> rows, Map<String, String> summary) {
    Snapshot base = table.currentSnapshot();
    List<FileScanTask> old = new ArrayList<>();
    if (base != null) {
      try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(base.snapshotId()).planFiles()) {
        tasks.forEach(old::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    commit(table, base, old, new IcebergTableWriter(table).write(records(table.schema(), rows)), summary);
    return rows.size();
  }

  private static List<Record> records(Schema schema, java.util.Collection<Rrset> rows) {
    List<Record> records = new ArrayList<>(rows.size());
    for (Rrset rrset : rows) {
      records.add(record(schema, rrset));
    }
    return records;
  }

  private static void commit(Table table, Snapshot base, List<FileScanTask> old, List<DataFile> added,
      Map<String, String> summary) {
    DataFileSet removed = DataFileSet.create();
    DeleteFileSet removedDeletes = DeleteFileSet.create();
    for (FileScanTask task : old) {
      removed.add(task.file());
      for (DeleteFile delete : task.deletes()) {
        removedDeletes.add(delete); // position deletes of the rewritten files: their rows are gone with them
      }
    }
    OverwriteFiles overwrite = table.newOverwrite().deleteFiles(removed, removedDeletes);
    added.forEach(overwrite::addFile);
    if (base != null) {
      // serialisable: any data committed to the table since the read fails this commit (the refresh retries)
      overwrite.validateFromSnapshot(base.snapshotId()).conflictDetectionFilter(Expressions.alwaysTrue())
          .validateNoConflictingData().validateNoConflictingDeletes();
    }
    summary.forEach(overwrite::set);
    overwrite.commit();
  }

  /**
   * The rows grouped by the partition they fall in (the contract's {@code bucket(16, rrname)}); one group (key "")
   * when the table is unpartitioned or partitioned in a way this class does not narrow (then the whole table is one
   * partition for the merge).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Map<Object, List<Rrset>> byPartition(Table table, java.util.Collection<Rrset> rows) {
    Map<Object, List<Rrset>> groups = new LinkedHashMap<>();
    Function<Rrset, Object> partition = partitionFunction(table);
    for (Rrset row : rows) {
      groups.computeIfAbsent(partition == null ? WHOLE_TABLE : partition.apply(row), k -> new ArrayList<>()).add(row);
    }
    return groups;
  }

  /** Group key of a table the merge does not narrow by partition. */
  static final Object WHOLE_TABLE = "";

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Function<Rrset, Object> partitionFunction(Table table) {
    List<PartitionField> fields = table.spec().fields();
    if (fields.size() != 1) {
      return null;
    }
    PartitionField field = fields.getFirst();
    Function<Rrset, Object> value = switch (table.schema().findColumnName(field.sourceId())) {
      case "rrname" -> Rrset::rrname;
      case "rrtype" -> Rrset::rrtype;
      case "rdata" -> Rrset::rdata;
      default -> null;
    };
    if (value == null) {
      return null;
    }
    Function<Object, Object> transform = ((Transform) field.transform()).bind(table.schema().findType(field.sourceId()));
    return row -> transform.apply(value.apply(row));
  }

  /** Rows of the given partitions, e.g. {@code bucket(16, rrname) IN (3, 7)}; everything for {@link #WHOLE_TABLE}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Expression partitionFilter(Table table, java.util.Collection<Object> partitions) {
    if (partitions.contains(WHOLE_TABLE) || partitionFunction(table) == null) {
      return Expressions.alwaysTrue();
    }
    PartitionField field = table.spec().fields().getFirst();
    String column = table.schema().findColumnName(field.sourceId());
    return Expressions.in(Expressions.transform(column, (Transform) field.transform()), (java.util.Collection) partitions);
  }

  /** Every row of the table (tests, small tables). */
  public static List<Rrset> read(Table table) {
    List<Rrset> out = new ArrayList<>();
    table.refresh();
    if (table.currentSnapshot() == null) {
      return out;
    }
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record record : records) {
        out.add(rrset(record));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static long rows(Table table) {
    return table.currentSnapshot() == null ? 0
        : Long.parseLong(table.currentSnapshot().summary().getOrDefault("total-records", "0"));
  }

  static Rrset rrset(Record record) {
    return new Rrset((String) record.getField("rrname"), (String) record.getField("rrtype"),
        (String) record.getField("rdata"), instant(record.getField("first_seen")),
        instant(record.getField("last_seen")), (Long) record.getField("count"), (Long) record.getField("min_ttl"),
        (Long) record.getField("max_ttl"));
  }

  private static Record record(Schema schema, Rrset rrset) {
    GenericRecord record = GenericRecord.create(schema);
    record.setField("rrname", rrset.rrname());
    record.setField("rrtype", rrset.rrtype());
    record.setField("rdata", rrset.rdata());
    record.setField("first_seen", rrset.firstSeen().atOffset(ZoneOffset.UTC));
    record.setField("last_seen", rrset.lastSeen().atOffset(ZoneOffset.UTC));
    record.setField("count", rrset.count());
    record.setField("min_ttl", rrset.minTtl());
    record.setField("max_ttl", rrset.maxTtl());
    return record;
  }

  private static Instant instant(Object value) {
    return value instanceof OffsetDateTime time ? time.toInstant() : (Instant) value;
  }
}

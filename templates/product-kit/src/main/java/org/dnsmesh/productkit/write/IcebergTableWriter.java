package org.dnsmesh.productkit.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.avro.generic.IndexedRecord;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.io.ClusteredDataWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.parquet.ParquetAvroWriter;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * Writes batches of Iceberg records as Parquet data files into a table's partitions (rows sorted by the table's
 * sort order within each file) and commits them as one append whose snapshot summary carries the given properties.
 */
public final class IcebergTableWriter {

  private static final long TARGET_FILE_BYTES = 128L * 1024 * 1024;

  /**
   * Per-row unique ids (the event id, Zeek's connection uid) never repeat, so Parquet's dictionary for them only
   * costs: every value is hashed into a dictionary that is thrown away at the first page (the writer profile showed
   * ~40% of its time in dictionary encoding). They are written plain.
   */
  static final List<String> UNIQUE_ID_COLUMNS = List.of("event_id", "source_uid");

  /**
   * The Parquet settings of product tables: zstd, and no dictionary for the unique id columns {@code schema} has.
   * Also what the benchmark's bare writer uses, so both write the same encodings.
   */
  public static Map<String, String> parquetProperties(Schema schema) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(TableProperties.PARQUET_COMPRESSION, "zstd");
    for (String column : UNIQUE_ID_COLUMNS) {
      if (schema.findField(column) != null) {
        properties.put(TableProperties.PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX + column, "false");
      }
    }
    return properties;
  }

  private final Table table;
  private final AtomicInteger batch = new AtomicInteger();
  private final String writerId = UUID.randomUUID().toString();

  public IcebergTableWriter(Table table) {
    this.table = Objects.requireNonNull(table, "table");
  }

  public Table table() {
    return table;
  }

  /** Loads the table, or creates it (and its namespace) with the schema and layout; Parquet, format v2. */
  public static Table createOrLoad(Catalog catalog, TableIdentifier id, Schema schema, TableLayout layout) {
    if (catalog.tableExists(id)) {
      return catalog.loadTable(id);
    }
    if (catalog instanceof SupportsNamespaces namespaces && !id.namespace().isEmpty()
        && !namespaces.namespaceExists(id.namespace())) {
      try {
        namespaces.createNamespace(id.namespace());
      } catch (AlreadyExistsException e) {
        // created concurrently: fine
      }
    }
    try {
      Catalog.TableBuilder builder = catalog.buildTable(id, schema)
          .withPartitionSpec(layout.partitionSpec(schema))
          .withSortOrder(layout.sortOrder(schema))
          .withProperty(TableProperties.DEFAULT_FILE_FORMAT, "parquet")
          .withProperty(TableProperties.FORMAT_VERSION, "2");
      parquetProperties(schema).forEach(builder::withProperty);
      return builder.create();
    } catch (AlreadyExistsException e) {
      return catalog.loadTable(id);
    }
  }

  /**
   * Writes the records into new data files (not yet visible: {@link #commit} makes them so). Rows are grouped by
   * partition first and each group is sorted and written as one run, so only one Parquet file is open at a time
   * and the sort compares rows of one partition only.
   */
  public List<DataFile> write(List<Record> records) {
    if (records.isEmpty()) {
      return List.of();
    }
    Schema schema = table.schema();
    PartitionSpec spec = table.spec();
    Comparator<Record> order = RowOrder.of(schema, table.sortOrder()).rowComparator();
    ClusteredDataWriter<Record> writer = newWriter();
    try (writer) {
      if (spec.isUnpartitioned()) {
        writeSorted(writer, records, order, spec, null);
      } else {
        for (Map.Entry<PartitionKey, List<Record>> group : byPartition(records, spec, schema).entrySet()) {
          writeSorted(writer, group.getValue(), order, spec, group.getKey());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing data files for " + table.name() + " failed", e);
    }
    return writer.result().dataFiles();
  }

  /** An empty buffer of rows for {@link #write(PendingRows, Function)}, keyed by this table's partitioning and sort. */
  public PendingRows newPendingRows() {
    return new PendingRows(table.schema(), table.spec(), RowOrder.of(table.schema(), table.sortOrder()));
  }

  /**
   * Writes buffered rows like {@link #write(List)}: partition by partition, each in sort order, one open file at a
   * time; {@code decode} turns a row's bytes back into a record of the table schema just before it is written (the
   * record is not kept, so it may be reused).
   */
  public List<DataFile> write(PendingRows rows, Function<byte[], Record> decode) {
    if (rows.isEmpty()) {
      return List.of();
    }
    PartitionSpec spec = rows.spec();
    ClusteredDataWriter<Record> writer = newWriter();
    try (writer) {
      rows.forEachSortedGroup((partition, group) -> {
        for (int i = 0; i < group.size(); i++) {
          writer.write(decode.apply(group.bytes(i)), spec, partition);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("writing data files for " + table.name() + " failed", e);
    }
    return writer.result().dataFiles();
  }

  /**
   * Writes buffered rows decoded to Avro records straight to Parquet with Iceberg's {@link ParquetAvroWriter}: the
   * Avro strings go to Parquet as the UTF-8 bytes they were decoded into, where the generic path made a Java
   * {@code String} of each and encoded it again (and an {@code OffsetDateTime} of each timestamp). One file per
   * partition per batch, rolled at the target size; same table properties, metrics and sort order as
   * {@link #write(PendingRows, Function)}. Only for an Avro schema whose fields are the table's columns, in order
   * ({@link #writesAvro}). Runs on up to {@code threads} threads: this one and {@code threads - 1}
   * tasks on {@code helpers}, each sorting and writing whole partitions (largest first), so a batch's files are the
   * same as written one by one (one per partition, rolled at the target size) and only their write overlaps. A
   * single writer thread is the ceiling of a pipeline once the machine has spare cores (and at the end of every
   * burst, when the consumer has nothing left to do). {@code decoders} gives each thread its own decoder (a decoder
   * may reuse its record). A failure in any partition fails the write after the others have stopped.
   */
  public List<DataFile> writeAvroRows(PendingRows rows, Supplier<? extends RowDecoder<IndexedRecord>> decoders,
      ExecutorService helpers, int threads) {
    if (rows.isEmpty()) {
      return List.of();
    }
    OutputFileFactory files = newOutputFiles();
    MetricsConfig metrics = MetricsConfig.forTable(table);
    List<PendingRows.Group> groups = rows.groups();
    Integer[] largestFirst = new Integer[groups.size()];
    for (int i = 0; i < largestFirst.length; i++) {
      largestFirst[i] = i;
    }
    Arrays.sort(largestFirst, Comparator.comparingInt((Integer i) -> groups.get(i).size()).reversed());
    AtomicReferenceArray<List<DataFile>> written = new AtomicReferenceArray<>(groups.size());
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      RowDecoder<IndexedRecord> decode = decoders.get();
      for (int i = next.getAndIncrement(); i < largestFirst.length; i = next.getAndIncrement()) {
        PendingRows.Group group = groups.get(largestFirst[i]);
        written.set(largestFirst[i], writeGroup(files, metrics, rows, group.partition(), group.sorted(), decode));
      }
    };
    int helperCount = helpers == null ? 0 : Math.max(0, Math.min(threads, groups.size()) - 1);
    List<Future<?>> running = new ArrayList<>(helperCount);
    for (int i = 0; i < helperCount; i++) {
      running.add(helpers.submit(worker));
    }
    Throwable failure = null;
    try {
      worker.run();
    } catch (RuntimeException | Error e) {
      failure = e;
      next.set(largestFirst.length); // the helpers stop after their current partition
    }
    for (Future<?> task : running) {
      try {
        task.get();
      } catch (ExecutionException e) {
        next.set(largestFirst.length);
        failure = addFailure(failure, e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = addFailure(failure, e);
      }
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException("writing data files for " + table.name() + " failed: " + failure, failure);
    }
    List<DataFile> all = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      all.addAll(written.get(i));
    }
    return all;
  }

  private static Throwable addFailure(Throwable first, Throwable next) {
    if (first == null) {
      return next;
    }
    if (next != first) {
      first.addSuppressed(next);
    }
    return first;
  }

  /** One partition's sorted rows into one file, or more when it passes the target size. */
  private List<DataFile> writeGroup(OutputFileFactory files, MetricsConfig metrics, PendingRows rows,
      PartitionKey partition, PendingRows.SortedRows group, RowDecoder<IndexedRecord> decode) {
    List<DataFile> written = new ArrayList<>();
    DataWriter<IndexedRecord> writer = null;
    try {
      for (int i = 0; i < group.size(); i++) {
        if (writer == null) {
          writer = Parquet.writeData(files.newOutputFile(rows.spec(), partition))
              .schema(table.schema())
              .setAll(table.properties())
              .metricsConfig(metrics)
              .withSpec(rows.spec())
              .withPartition(partition)
              .withSortOrder(table.sortOrder())
              .createWriterFunc(ParquetAvroWriter::buildWriter)
              .overwrite()
              .build();
        }
        writer.write(group.decode(i, decode));
        if (i % 10_000 == 9_999 && writer.length() >= TARGET_FILE_BYTES) {
          writer.close();
          written.add(writer.toDataFile());
          writer = null;
        }
      }
      if (writer != null) {
        writer.close();
        written.add(writer.toDataFile());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing data files for " + table.name() + " failed", e);
    }
    return written;
  }

  /**
   * True when records of {@code avro} can be written by {@link #writeAvro}: its fields are this table's columns in
   * order, with the same names, types and optionality (a table created from an older or newer contract version
   * may differ; its rows take the generic path).
   */
  public boolean writesAvro(org.apache.avro.Schema avro) {
    for (org.apache.avro.Schema.Field field : avro.getFields()) {
      if (!writableAsDecoded(field.schema())) {
        return false;
      }
    }
    List<Types.NestedField> expected = IcebergSchemas.fromAvro(avro).columns();
    List<Types.NestedField> actual = table.schema().columns();
    if (expected.size() != actual.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!expected.get(i).name().equals(actual.get(i).name())
          || expected.get(i).isOptional() != actual.get(i).isOptional()
          || !sameType(expected.get(i).type(), actual.get(i).type())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Avro values the Parquet writer takes as decoded: plain primitives (timestamps as micros), arrays of them, each
   * optionally as a union with null. Enums, fixed, millisecond timestamps, dates and wider unions take the generic
   * path, which converts them.
   */
  private static boolean writableAsDecoded(org.apache.avro.Schema schema) {
    org.apache.avro.Schema effective = schema;
    if (schema.getType() == org.apache.avro.Schema.Type.UNION) {
      List<org.apache.avro.Schema> branches = schema.getTypes();
      if (branches.size() != 2 || branches.stream().noneMatch(b -> b.getType() == org.apache.avro.Schema.Type.NULL)) {
        return false;
      }
      effective = branches.get(0).getType() == org.apache.avro.Schema.Type.NULL ? branches.get(1) : branches.get(0);
    }
    org.apache.avro.LogicalType logical = effective.getLogicalType();
    if (logical != null && !(logical instanceof org.apache.avro.LogicalTypes.TimestampMicros)) {
      return false;
    }
    return switch (effective.getType()) {
      case STRING, INT, LONG, FLOAT, DOUBLE, BOOLEAN, BYTES -> true;
      case ARRAY -> effective.getElementType().getType() != org.apache.avro.Schema.Type.ARRAY
          && writableAsDecoded(effective.getElementType());
      default -> false;
    };
  }

  private static boolean sameType(Type a, Type b) {
    if (a.isPrimitiveType() || b.isPrimitiveType()) {
      return a.equals(b);
    }
    if (a.isListType() && b.isListType()) {
      return a.asListType().isElementOptional() == b.asListType().isElementOptional()
          && sameType(a.asListType().elementType(), b.asListType().elementType());
    }
    return false; // structs and maps: not produced by the kit's schemas, left to the generic path
  }

  /** File names for one write: unique per writer and batch. */
  private OutputFileFactory newOutputFiles() {
    return OutputFileFactory.builderFor(table, 1, batch.incrementAndGet())
        .format(FileFormat.PARQUET)
        .operationId(writerId)
        .build();
  }

  private ClusteredDataWriter<Record> newWriter() {
    GenericFileWriterFactory factory = new GenericFileWriterFactory.Builder(table)
        .dataFileFormat(FileFormat.PARQUET)
        .dataSchema(table.schema())
        .dataSortOrder(table.sortOrder())
        .build();
    OutputFileFactory files = newOutputFiles();
    return new ClusteredDataWriter<>(factory, files, table.io(), TARGET_FILE_BYTES);
  }

  private static Map<PartitionKey, List<Record>> byPartition(List<Record> records, PartitionSpec spec, Schema schema) {
    PartitionKey key = new PartitionKey(spec, schema);
    InternalRecordWrapper wrapper = new InternalRecordWrapper(schema.asStruct());
    Map<PartitionKey, List<Record>> groups = new LinkedHashMap<>();
    for (Record row : records) {
      key.partition(wrapper.wrap(row));
      List<Record> group = groups.get(key);
      if (group == null) {
        group = new ArrayList<>();
        groups.put(key.copy(), group);
      }
      group.add(row);
    }
    return groups;
  }

  private static void writeSorted(ClusteredDataWriter<Record> writer, List<Record> rows, Comparator<Record> order,
      PartitionSpec spec, PartitionKey partition) {
    List<Record> sorted = rows;
    if (order != null) {
      sorted = new ArrayList<>(rows);
      sorted.sort(order);
    }
    for (Record row : sorted) {
      writer.write(row, spec, partition);
    }
  }

  /** Appends the files in one commit whose snapshot summary includes {@code properties}; returns the snapshot. */
  public Snapshot commit(List<DataFile> dataFiles, Map<String, String> properties) {
    AppendFiles append = table.newFastAppend();
    dataFiles.forEach(append::appendFile);
    properties.forEach(append::set);
    append.commit();
    return table.currentSnapshot();
  }

  /**
   * Replaces every partition that {@code dataFiles} touch with exactly those files (dynamic partition overwrite),
   * in one commit carrying {@code properties}: replaying the same input gives the same table.
   */
  public Snapshot replacePartitions(List<DataFile> dataFiles, Map<String, String> properties) {
    org.apache.iceberg.ReplacePartitions replace = table.newReplacePartitions();
    dataFiles.forEach(replace::addFile);
    properties.forEach(replace::set);
    replace.commit();
    return table.currentSnapshot();
  }

  /**
   * Replaces every row whose {@code column} lies in {@code [fromMicros, toMicros)} by {@code dataFiles}, in one
   * commit: files of the range are removed whether or not new rows fall in their partitions (a replay of a range
   * whose source is empty empties it), and rows outside the range stay. The range must start and end on the
   * boundaries of the table's time partition of {@code column} (hour or day), so no file holds rows on both sides;
   * otherwise {@link IllegalArgumentException} before anything is written. The commit is validated against data
   * added to the range since the start (a concurrent writer's rows are not silently replaced: the commit fails).
   */
  public Snapshot replaceRange(String column, long fromMicros, long toMicros, List<DataFile> dataFiles,
      Map<String, String> properties) {
    requireAlignedRange(table.spec(), column, fromMicros, toMicros);
    Snapshot start = table.currentSnapshot();
    org.apache.iceberg.expressions.Expression range = org.apache.iceberg.expressions.Expressions.and(
        org.apache.iceberg.expressions.Expressions.greaterThanOrEqual(column, fromMicros),
        org.apache.iceberg.expressions.Expressions.lessThan(column, toMicros));
    org.apache.iceberg.OverwriteFiles overwrite = table.newOverwrite().overwriteByRowFilter(range)
        .conflictDetectionFilter(range).validateNoConflictingData().validateNoConflictingDeletes();
    if (start != null) {
      overwrite.validateFromSnapshot(start.snapshotId());
    }
    dataFiles.forEach(overwrite::addFile);
    properties.forEach(overwrite::set);
    overwrite.commit();
    return table.currentSnapshot();
  }

  /** The range's ends must fall on boundaries of the spec's hour or day partition of {@code column}. */
  public static void requireAlignedRange(PartitionSpec spec, String column, long fromMicros, long toMicros) {
    int sourceId = spec.schema().findField(column).fieldId();
    long unit = spec.fields().stream().filter(f -> f.sourceId() == sourceId)
        .mapToLong(f -> switch (f.transform().toString()) {
          case "hour" -> 3_600_000_000L;
          case "day" -> 86_400_000_000L;
          default -> 0L;
        }).filter(u -> u > 0).min()
        .orElseThrow(() -> new IllegalArgumentException("the table is not partitioned by hour or day of " + column
            + " (spec " + spec + "): a range replace needs whole partitions"));
    for (long end : new long[] {fromMicros, toMicros}) {
      if (Math.floorMod(end, unit) != 0) {
        throw new IllegalArgumentException(java.time.Instant.EPOCH.plus(end, java.time.temporal.ChronoUnit.MICROS)
            + " is inside " + (unit == 3_600_000_000L ? "an hour" : "a day") + " partition of " + column
            + ": the range must start and end on partition boundaries, or rows outside it would be replaced too");
      }
    }
  }
}

package org.dnsmesh.productkit.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.iceberg.PartitionKey;
import org.apache.avro.generic.IndexedRecord;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;

/**
 * Rows waiting for the next commit, held as the encoded bytes they arrived in (plus their partition and sort key)
 * instead of as Iceberg records. A batch of 250,000 generic records is ~250 MB in ~40 objects per row, and every
 * young collection copied all of them while the batch built and committed (GC pauses of ~250 ms, a third of the
 * pipeline's CPU); one byte array per row is a quarter of the memory in a tenth of the objects. The writer decodes
 * each row again as it writes it ({@link IcebergTableWriter#write(PendingRows, java.util.function.Function)}).
 * Not thread-safe: filled on the pipeline thread, then handed over whole.
 */
public final class PendingRows {

  /** One row: its sort key (see {@link RowOrder#key}) with its {@link RowOrder#prefix}, and its encoded bytes. */
  record Pending(Object sortKey, long prefix, byte[] encoded) {}

  private final PartitionSpec spec;
  private final RowOrder order;
  private final PartitionKey key;
  private final InternalRecordWrapper wrapper;
  private final AvroStruct avroStruct = new AvroStruct();
  private final Map<PartitionKey, List<Pending>> groups = new LinkedHashMap<>();
  private List<Pending> unpartitioned;
  private int size;

  PendingRows(Schema schema, PartitionSpec spec, RowOrder order) {
    this.spec = spec;
    this.order = order;
    this.key = new PartitionKey(spec, schema);
    this.wrapper = new InternalRecordWrapper(schema.asStruct());
  }

  /** Adds a row: {@code row} is read for its partition and sort key only, {@code encoded} is what is kept. */
  public void add(Record row, byte[] encoded) {
    Object sortKey = order.key(row);
    group(spec.isUnpartitioned() ? null : wrapper.wrap(row)).add(new Pending(sortKey, order.prefix(sortKey),
        encoded));
    size++;
  }

  /**
   * Adds a row from its Avro record, whose fields are the table's columns in order (see
   * {@link IcebergTableWriter#writesAvro}): read for partition and sort key only, so it may be reused afterwards.
   */
  public void add(IndexedRecord row, byte[] encoded) {
    Object sortKey = order.key(row::get);
    group(spec.isUnpartitioned() ? null : avroStruct.wrap(row)).add(new Pending(sortKey, order.prefix(sortKey),
        encoded));
    size++;
  }

  private List<Pending> group(StructLike partitionSource) {
    if (partitionSource == null) {
      if (unpartitioned == null) {
        unpartitioned = new ArrayList<>();
      }
      return unpartitioned;
    }
    key.partition(partitionSource);
    List<Pending> group = groups.get(key);
    if (group == null) {
      group = new ArrayList<>();
      groups.put(key.copy(), group);
    }
    return group;
  }

  /**
   * An Avro record as Iceberg's internal row for partitioning: timestamps are already micros, text becomes a
   * {@code String} (the decoder reuses its {@code Utf8}s, and a partition key keeps the value).
   */
  private static final class AvroStruct implements StructLike {
    private IndexedRecord record;

    AvroStruct wrap(IndexedRecord row) {
      this.record = row;
      return this;
    }

    @Override
    public int size() {
      return record.getSchema().getFields().size();
    }

    @Override
    public <T> T get(int pos, Class<T> javaClass) {
      return javaClass.cast(RowOrder.text(record.get(pos)));
    }

    @Override
    public <T> void set(int pos, T value) {
      throw new UnsupportedOperationException("read-only view of an Avro record");
    }
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  PartitionSpec spec() {
    return spec;
  }

  /** One partition's rows, in the order they were added ({@code partition} is {@code null}: unpartitioned). */
  record Group(PartitionKey partition, List<Pending> rows) {}

  /** The partitions' row lists, unsorted (sort each with {@link #sorted}, which sorts in place). */
  List<Group> groups() {
    List<Group> all = new ArrayList<>(groups.size() + 1);
    if (unpartitioned != null) {
      all.add(new Group(null, unpartitioned));
    }
    groups.forEach((partition, rows) -> all.add(new Group(partition, rows)));
    return all;
  }

  /** Each partition's rows in sort order (a partition of {@code null}: the table is unpartitioned). */
  void forEachSortedGroup(BiConsumer<PartitionKey, List<Pending>> action) {
    if (unpartitioned != null) {
      action.accept(null, sorted(unpartitioned));
    }
    groups.forEach((partition, rows) -> action.accept(partition, sorted(rows)));
  }

  /** Sorts one group's rows in place by the table's sort order and returns them; groups may be sorted concurrently. */
  List<Pending> sorted(List<Pending> rows) {
    if (!order.isEmpty()) {
      rows.sort((a, b) -> order.compareKeys(a.sortKey(), a.prefix(), b.sortKey(), b.prefix()));
    }
    return rows;
  }
}

package org.dnsmesh.productkit.write;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 * young collection copied all of them while the batch built and committed. Here a row is its bytes appended to
 * 1 MiB chunks, its place and sort-key prefix in primitive arrays and its sort key interned per batch (query names
 * repeat): a batch is a few hundred large arrays, which a collection copies as memory blocks, instead of a
 * million small objects it traverses one by one (the per-row objects made young pauses of 100-500 ms and filled the
 * old generation until a full collection). The writer decodes each row again as it writes it
 * ({@link IcebergTableWriter#write(PendingRows, java.util.function.Function)}). Not thread-safe while filled (on
 * the pipeline thread); once handed over, different groups may be sorted and read by different threads.
 */
public final class PendingRows {

  private static final int CHUNK_BYTES = 1 << 20;

  private final PartitionSpec spec;
  private final RowOrder order;
  private final PartitionKey key;
  private final InternalRecordWrapper wrapper;
  private final AvroStruct avroStruct = new AvroStruct();
  private final Map<PartitionKey, Group> groups = new LinkedHashMap<>();
  /** One instance per distinct text sort key of the batch. */
  private final Map<Object, Object> internedKeys = new HashMap<>();
  private final List<byte[]> chunks = new ArrayList<>();
  private byte[] chunk;
  private int chunkUsed;
  private Group unpartitioned;
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
    group(spec.isUnpartitioned() ? null : wrapper.wrap(row)).add(intern(sortKey), order.prefix(sortKey),
        append(encoded), encoded.length);
    size++;
  }

  /**
   * Adds a row from its Avro record, whose fields are the table's columns in order (see
   * {@link IcebergTableWriter#writesAvro}): read for partition and sort key only, so it may be reused afterwards.
   */
  public void add(IndexedRecord row, byte[] encoded) {
    Object sortKey = order.key(row::get);
    group(spec.isUnpartitioned() ? null : avroStruct.wrap(row)).add(intern(sortKey), order.prefix(sortKey),
        append(encoded), encoded.length);
    size++;
  }

  private Object intern(Object sortKey) {
    if (!(sortKey instanceof String)) {
      return sortKey;
    }
    Object known = internedKeys.putIfAbsent(sortKey, sortKey);
    return known == null ? sortKey : known;
  }

  /** Copies the bytes into the current chunk (a new one when full; a row over the chunk size gets its own). */
  private long append(byte[] encoded) {
    if (chunk == null || chunkUsed + encoded.length > chunk.length) {
      chunk = new byte[Math.max(CHUNK_BYTES, encoded.length)];
      chunks.add(chunk);
      chunkUsed = 0;
    }
    System.arraycopy(encoded, 0, chunk, chunkUsed, encoded.length);
    long location = ((long) (chunks.size() - 1) << 32) | chunkUsed;
    chunkUsed += encoded.length;
    return location;
  }

  private Group group(StructLike partitionSource) {
    if (partitionSource == null) {
      if (unpartitioned == null) {
        unpartitioned = new Group(null);
      }
      return unpartitioned;
    }
    key.partition(partitionSource);
    Group group = groups.get(key);
    if (group == null) {
      PartitionKey copy = key.copy();
      group = new Group(copy);
      groups.put(copy, group);
    }
    return group;
  }

  /**
   * One partition's rows ({@code partition} is {@code null}: unpartitioned), in primitive arrays: where each row's
   * bytes are, its length, its sort key and the key's prefix.
   */
  final class Group {
    private final PartitionKey partition;
    private long[] locations = new long[64];
    private int[] lengths = new int[64];
    private long[] prefixes = new long[64];
    private Object[] keys = new Object[64];
    private int count;

    private Group(PartitionKey partition) {
      this.partition = partition;
    }

    PartitionKey partition() {
      return partition;
    }

    int size() {
      return count;
    }

    private void add(Object sortKey, long prefix, long location, int length) {
      if (count == locations.length) {
        int grown = count * 2;
        locations = Arrays.copyOf(locations, grown);
        lengths = Arrays.copyOf(lengths, grown);
        prefixes = Arrays.copyOf(prefixes, grown);
        keys = Arrays.copyOf(keys, grown);
      }
      locations[count] = location;
      lengths[count] = length;
      prefixes[count] = prefix;
      keys[count] = sortKey;
      count++;
    }

    /** The rows in the table's sort order (stable: equal keys keep their arrival order). */
    SortedRows sorted() {
      int[] positions = new int[count];
      for (int i = 0; i < count; i++) {
        positions[i] = i;
      }
      if (!order.isEmpty() && count > 1) {
        // a primitive merge sort: boxed positions would be a quarter of a million live objects per batch again
        mergeSort(positions, new int[count], 0, count);
      }
      return new SortedRows(this, positions);
    }

    private int compare(int a, int b) {
      return order.compareKeys(keys[a], prefixes[a], keys[b], prefixes[b]);
    }

    /** Stable merge sort of {@code rows[from, to)} by {@link #compare}, {@code scratch} as wide as {@code rows}. */
    private void mergeSort(int[] rows, int[] scratch, int from, int to) {
      if (to - from <= 16) { // insertion sort: stable, and fastest on short runs
        for (int i = from + 1; i < to; i++) {
          int row = rows[i];
          int j = i - 1;
          while (j >= from && compare(rows[j], row) > 0) {
            rows[j + 1] = rows[j];
            j--;
          }
          rows[j + 1] = row;
        }
        return;
      }
      int middle = (from + to) >>> 1;
      mergeSort(rows, scratch, from, middle);
      mergeSort(rows, scratch, middle, to);
      if (compare(rows[middle - 1], rows[middle]) <= 0) {
        return; // already in order (runs of one name are common)
      }
      System.arraycopy(rows, from, scratch, from, to - from);
      int left = from;
      int right = middle;
      for (int out = from; out < to; out++) {
        if (right >= to || (left < middle && compare(scratch[left], scratch[right]) <= 0)) {
          rows[out] = scratch[left++];
        } else {
          rows[out] = scratch[right++];
        }
      }
    }
  }

  /** A group's rows in sort order, read by position. */
  final class SortedRows {
    private final Group group;
    private final int[] positions;

    private SortedRows(Group group, int[] positions) {
      this.group = group;
      this.positions = positions;
    }

    int size() {
      return positions.length;
    }

    /** Decodes the {@code i}-th row in sort order. */
    <T> T decode(int i, RowDecoder<T> decoder) {
      int row = positions[i];
      long location = group.locations[row];
      return decoder.decode(chunks.get((int) (location >>> 32)), (int) location, group.lengths[row]);
    }

    /** The {@code i}-th row's bytes, copied out. */
    byte[] bytes(int i) {
      return decode(i, (buffer, offset, length) -> Arrays.copyOfRange(buffer, offset, offset + length));
    }
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

  /** The partitions' rows (sort each with {@link Group#sorted}; groups may be sorted on different threads). */
  List<Group> groups() {
    List<Group> all = new ArrayList<>(groups.size() + 1);
    if (unpartitioned != null) {
      all.add(unpartitioned);
    }
    all.addAll(groups.values());
    return all;
  }

  /** Each partition's rows in sort order (a partition of {@code null}: the table is unpartitioned). */
  void forEachSortedGroup(BiConsumer<PartitionKey, SortedRows> action) {
    for (Group group : groups()) {
      action.accept(group.partition(), group.sorted());
    }
  }
}

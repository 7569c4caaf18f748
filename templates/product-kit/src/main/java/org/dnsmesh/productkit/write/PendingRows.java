package org.dnsmesh.productkit.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
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

  /** One row: its sort key (see {@link RowOrder#key}) and its encoded bytes. */
  record Pending(Object sortKey, byte[] encoded) {}

  private final PartitionSpec spec;
  private final RowOrder order;
  private final PartitionKey key;
  private final InternalRecordWrapper wrapper;
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
    List<Pending> group;
    if (spec.isUnpartitioned()) {
      if (unpartitioned == null) {
        unpartitioned = new ArrayList<>();
      }
      group = unpartitioned;
    } else {
      key.partition(wrapper.wrap(row));
      group = groups.get(key);
      if (group == null) {
        group = new ArrayList<>();
        groups.put(key.copy(), group);
      }
    }
    group.add(new Pending(order.key(row), encoded));
    size++;
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

  /** Each partition's rows in sort order (a partition of {@code null}: the table is unpartitioned). */
  void forEachSortedGroup(BiConsumer<PartitionKey, List<Pending>> action) {
    if (unpartitioned != null) {
      action.accept(null, sorted(unpartitioned));
    }
    groups.forEach((partition, rows) -> action.accept(partition, sorted(rows)));
  }

  private List<Pending> sorted(List<Pending> rows) {
    if (!order.isEmpty()) {
      rows.sort((a, b) -> order.compareKeys(a.sortKey(), b.sortKey()));
    }
    return rows;
  }
}

package org.dnsmesh.productkit.write;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortField;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * A table's identity sort fields on top-level columns, read by column position (no name lookup per comparison).
 * Transformed and nested sort fields are left to compaction. A row's sort key is the one value when there is one
 * sort field (the common case, no array per row), else an array of the values.
 */
final class RowOrder {

  private final int[] positions;
  private final boolean[] nullsFirst;
  private final boolean[] descending;

  private RowOrder(int[] positions, boolean[] nullsFirst, boolean[] descending) {
    this.positions = positions;
    this.nullsFirst = nullsFirst;
    this.descending = descending;
  }

  static RowOrder of(Schema schema, SortOrder order) {
    List<Types.NestedField> columns = schema.columns();
    List<Integer> kept = new ArrayList<>();
    List<SortField> keptFields = new ArrayList<>();
    for (SortField field : order.fields()) {
      if (!field.transform().isIdentity()) {
        continue;
      }
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).fieldId() == field.sourceId()) {
          kept.add(i);
          keptFields.add(field);
        }
      }
    }
    int[] positions = new int[kept.size()];
    boolean[] nullsFirst = new boolean[kept.size()];
    boolean[] descending = new boolean[kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      positions[i] = kept.get(i);
      nullsFirst[i] = keptFields.get(i).nullOrder() != NullOrder.NULLS_LAST;
      descending[i] = keptFields.get(i).direction() == SortDirection.DESC;
    }
    return new RowOrder(positions, nullsFirst, descending);
  }

  boolean isEmpty() {
    return positions.length == 0;
  }

  /** The row's sort key: {@code null} when there is no sort, the value for one field, else the values. */
  Object key(Record row) {
    return key(row::get);
  }

  /**
   * The sort key of a row read by column position; text becomes a {@code String} (an Avro {@code Utf8} is reused by
   * the decoder and compares differently).
   */
  Object key(IntFunction<Object> column) {
    if (positions.length == 0) {
      return null;
    }
    if (positions.length == 1) {
      return text(column.apply(positions[0]));
    }
    Object[] values = new Object[positions.length];
    for (int i = 0; i < positions.length; i++) {
      values[i] = text(column.apply(positions[i]));
    }
    return values;
  }

  /**
   * An order-preserving prefix of a one-field text key, so that sorting compares two longs instead of two strings
   * scattered over the heap for most pairs: the first 7 chars as bytes (all below 256; shorter text padded with 0)
   * and a low byte of 1; 0 when there is no such prefix (several fields, not text, null, a char >= 256). Two keys
   * with different prefixes compare as their prefixes do; equal prefixes say nothing.
   */
  long prefix(Object key) {
    if (positions.length != 1 || !(key instanceof String text)) {
      return 0L;
    }
    long prefix = 0L;
    for (int i = 0; i < 7; i++) {
      int c = i < text.length() ? text.charAt(i) : 0;
      if (c >= 256) {
        return 0L;
      }
      prefix = (prefix << 8) | c;
    }
    return (prefix << 8) | 1L;
  }

  /** Compares two keys with their {@link #prefix}es: by the prefixes when both have one and they differ. */
  int compareKeys(Object a, long prefixA, Object b, long prefixB) {
    if (prefixA != 0L && prefixB != 0L && prefixA != prefixB) {
      int c = Long.compareUnsigned(prefixA, prefixB);
      return descending[0] ? -c : c;
    }
    return compareKeys(a, b);
  }

  /** Text as a {@code String}, other values as they are. */
  static Object text(Object value) {
    return value instanceof CharSequence s && !(value instanceof String) ? s.toString() : value;
  }

  int compareKeys(Object a, Object b) {
    if (positions.length == 1) {
      return compare(a, b, 0);
    }
    Object[] left = (Object[]) a;
    Object[] right = (Object[]) b;
    for (int i = 0; i < positions.length; i++) {
      int c = compare(left[i], right[i], i);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Rows compared by their sort keys; {@code null} when there is nothing to sort by. */
  Comparator<Record> rowComparator() {
    if (positions.length == 0) {
      return null;
    }
    return (a, b) -> compareKeys(key(a), key(b));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private int compare(Object a, Object b, int field) {
    if (a == null || b == null) {
      if (a == b) {
        return 0;
      }
      return (a == null) == nullsFirst[field] ? -1 : 1;
    }
    int c = ((Comparable) a).compareTo(b);
    return descending[field] ? -c : c;
  }
}

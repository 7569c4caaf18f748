package org.dnsmesh.productkit.write;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;

/**
 * Partitioning and sort order from configuration strings, as a contract states them: partition fields like
 * {@code day(event_ts)}, {@code hour(event_ts)}, {@code bucket(16, client_id)}, {@code truncate(4, name)},
 * {@code identity(tld)} or just {@code tld}; sort fields are column names, optionally followed by {@code desc}.
 */
public record TableLayout(List<String> partitionFields, List<String> sortFields) {

  private static final Pattern TRANSFORM = Pattern.compile("(\\w+)\\(\\s*(?:(\\d+)\\s*,\\s*)?(\\w+)\\s*\\)");

  public TableLayout {
    partitionFields = List.copyOf(partitionFields);
    sortFields = List.copyOf(sortFields);
  }

  public static TableLayout unpartitioned() {
    return new TableLayout(List.of(), List.of());
  }

  public PartitionSpec partitionSpec(Schema schema) {
    PartitionSpec.Builder builder = PartitionSpec.builderFor(schema);
    for (String field : partitionFields) {
      String spec = field.strip();
      Matcher m = TRANSFORM.matcher(spec);
      if (!m.matches()) {
        requireColumn(schema, spec, field);
        builder.identity(spec);
        continue;
      }
      String column = m.group(3);
      requireColumn(schema, column, field);
      String width = m.group(2);
      switch (m.group(1)) {
        case "identity" -> builder.identity(column);
        case "year" -> builder.year(column);
        case "month" -> builder.month(column);
        case "day" -> builder.day(column);
        case "hour" -> builder.hour(column);
        case "bucket" -> builder.bucket(column, requireWidth(width, field));
        case "truncate" -> builder.truncate(column, requireWidth(width, field));
        default -> throw new IllegalArgumentException("unknown partition transform in '" + field + "'");
      }
    }
    return builder.build();
  }

  public SortOrder sortOrder(Schema schema) {
    if (sortFields.isEmpty()) {
      return SortOrder.unsorted();
    }
    SortOrder.Builder builder = SortOrder.builderFor(schema);
    for (String field : sortFields) {
      String[] parts = field.strip().split("\\s+");
      requireColumn(schema, parts[0], field);
      if (parts.length > 1 && parts[1].equalsIgnoreCase("desc")) {
        builder.desc(parts[0], NullOrder.NULLS_LAST);
      } else {
        builder.asc(parts[0], NullOrder.NULLS_FIRST);
      }
    }
    return builder.build();
  }

  private static void requireColumn(Schema schema, String column, String field) {
    if (schema.findField(column) == null) {
      throw new IllegalArgumentException("layout field '" + field + "' names unknown column '" + column + "'");
    }
  }

  private static int requireWidth(String width, String field) {
    if (width == null) {
      throw new IllegalArgumentException("'" + field + "' needs a width, e.g. bucket(16, column)");
    }
    return Integer.parseInt(width);
  }
}

package org.dnsmesh.catalog.consumer;

import java.util.List;
import java.util.regex.Pattern;
import org.dnsmesh.governance.policy.TableRef;

/**
 * A federated query a consumer can copy: the columns the principal may select (masked ones marked, since Trino
 * answers them masked), from the table's Trino name, with the row filters Trino adds stated as a comment.
 */
final class SampleQuery {
  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

  private SampleQuery() {}

  /** {@code catalog.schema.table} as Trino names it (a domain is a catalog), quoted where a part needs it. */
  static String name(TableRef table) {
    return identifier(table.domain()) + "." + identifier(table.product()) + "." + identifier(table.table());
  }

  static String of(TableRef table, List<ConsumerView.ColumnView> columns, List<String> rowFilters, int limit) {
    StringBuilder sql = new StringBuilder();
    if (!rowFilters.isEmpty()) {
      sql.append("-- Trino shows you only rows where ").append(String.join(" AND ", rowFilters)).append('\n');
    }
    sql.append("SELECT");
    if (columns.isEmpty()) {
      sql.append(" *\n");
    } else {
      sql.append('\n');
      for (int i = 0; i < columns.size(); i++) {
        ConsumerView.ColumnView column = columns.get(i);
        sql.append("  ").append(identifier(column.name())).append(i < columns.size() - 1 ? "," : "");
        if (column.mask() != null) {
          sql.append("  -- masked for you: ").append(column.mask());
        }
        sql.append('\n');
      }
    }
    return sql.append("FROM ").append(name(table)).append('\n').append("LIMIT ").append(limit).toString();
  }

  private static String identifier(String name) {
    return PLAIN.matcher(name).matches() ? name : '"' + name.replace("\"", "\"\"") + '"';
  }
}

package org.dnsmesh.catalog.consumer;

import java.util.List;
import java.util.Objects;

/**
 * What the signed-in principal sees of a product's output tables, column by column, as the policy decision point
 * in force decides it (the same decision Trino's compiled rules and the catalog's file access follow).
 *
 * @param principal always the caller: a view is never computed for anyone else
 */
public record ConsumerView(String domain, String product, String principal, List<TableView> tables) {
  public ConsumerView {
    Objects.requireNonNull(principal, "principal");
    tables = List.copyOf(tables);
  }

  /**
   * One output table.
   *
   * @param trinoTable the name to query it by in Trino ({@code catalog.schema.table} = {@code domain.namespace.table})
   * @param access {@code read} or {@code denied}
   * @param reason the decision's reason (why denied, or what was granted)
   * @param rowFilters predicates every row the principal sees satisfies (ANDed); empty: all rows
   * @param sampleQuery a federated query over the columns the principal may select; null when denied
   */
  public record TableView(String namespace, String table, String trinoTable, String access, String reason,
      List<ColumnView> columns, List<String> rowFilters, String sampleQuery) {
    public TableView {
      columns = List.copyOf(columns);
      rowFilters = List.copyOf(rowFilters);
    }
  }

  /**
   * One column: its contract classification and tags, and how this principal sees it.
   *
   * @param visibility {@code clear}, {@code masked} or {@code hidden} (the whole table is denied)
   * @param mask the mask's policy id ({@code hmac-token}, {@code ipv4-prefix-24}, {@code nullify}) when masked
   * @param maskExpression the Trino SQL the mask evaluates, when masked
   */
  public record ColumnView(String name, String type, String classification, List<String> tags, String visibility,
      String mask, String maskExpression) {
    public ColumnView {
      tags = List.copyOf(tags);
    }
  }
}

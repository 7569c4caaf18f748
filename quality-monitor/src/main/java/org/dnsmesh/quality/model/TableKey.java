package org.dnsmesh.quality.model;

import java.util.Objects;

/** One output table of a product: the product and the table's qualified name in its Iceberg catalog. */
public record TableKey(ProductId product, String table) {
  public TableKey {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(table, "table");
    if (table.isBlank()) {
      throw new IllegalArgumentException("table name of product " + product + " must not be blank");
    }
  }

  @Override
  public String toString() {
    return product + "/" + table;
  }
}

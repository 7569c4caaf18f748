package org.dnsmesh.quality.model;

import java.util.Objects;

/** What one check watches: product, table and check name. There is at most one open alert per key. */
public record CheckKey(TableKey table, String check) {
  public CheckKey {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(check, "check");
  }

  public static CheckKey of(String product, String table, String check) {
    return new CheckKey(new TableKey(new ProductId(product), table), check);
  }

  @Override
  public String toString() {
    return table + "/" + check;
  }
}

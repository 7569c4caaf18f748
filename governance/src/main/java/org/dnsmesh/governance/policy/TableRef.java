package org.dnsmesh.governance.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/** A table: Trino {@code catalog.schema.table} = mesh {@code domain.product.table}. */
public record TableRef(String domain, String product, String table) {
  public TableRef {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(table, "table");
    ResourceRef.table(domain, product, table); // validates the segments
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static TableRef parse(String dotted) {
    String[] parts = Objects.requireNonNull(dotted, "table").split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("table '" + dotted + "' must be domain.product.table");
    }
    return new TableRef(parts[0], parts[1], parts[2]);
  }

  public ResourceRef toResource() {
    return ResourceRef.table(domain, product, table);
  }

  @JsonValue
  public String qualifiedName() {
    return domain + "." + product + "." + table;
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}

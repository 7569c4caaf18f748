package org.dnsmesh.catalog.iceberg;

import java.util.Objects;
import org.apache.iceberg.jdbc.JdbcCatalog;

/** The Iceberg catalog of one domain together with the warehouse that bounds its locations. */
public record DomainCatalog(Warehouse warehouse, JdbcCatalog catalog) {
  public DomainCatalog {
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(catalog, "catalog");
  }
}

package org.dnsmesh.quality.table;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.dnsmesh.quality.model.TableKey;

/**
 * Tables named {@code <domain>.<namespace>.<table>} across the mesh's warehouses: one Iceberg catalog per domain
 * (the catalog service serves each domain as its own warehouse), opened on first use and kept.
 */
public final class DomainCatalogTableSource implements TableSource {
  private final Function<String, Catalog> opener;
  private final Duration eventTimeLookback;
  private final Map<String, CatalogTableSource> byDomain = new ConcurrentHashMap<>();

  /** @param opener opens the catalog of one domain (warehouse) */
  public DomainCatalogTableSource(Function<String, Catalog> opener, Duration eventTimeLookback) {
    this.opener = Objects.requireNonNull(opener, "opener");
    this.eventTimeLookback = Objects.requireNonNull(eventTimeLookback, "eventTimeLookback");
  }

  @Override
  public TableView load(TableKey key, Optional<String> eventTimeColumn) {
    String[] parts = key.table().split("\\.");
    if (parts.length < 3) {
      throw new IllegalArgumentException("table " + key.table() + " of " + key.product()
          + " must be <domain>.<namespace>.<table>");
    }
    String domain = parts[0];
    CatalogTableSource source = byDomain.computeIfAbsent(domain, d -> new CatalogTableSource(opener.apply(d),
        DomainCatalogTableSource::identifier, eventTimeLookback));
    return source.load(key, eventTimeColumn);
  }

  /** {@code domain.ns.table} -> {@code ns.table} inside the domain's catalog. */
  static TableIdentifier identifier(TableKey key) {
    String[] parts = key.table().split("\\.");
    String[] namespace = java.util.Arrays.copyOfRange(parts, 1, parts.length - 1);
    return TableIdentifier.of(Namespace.of(namespace), parts[parts.length - 1]);
  }
}

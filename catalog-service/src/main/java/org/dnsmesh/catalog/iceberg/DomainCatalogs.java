package org.dnsmesh.catalog.iceberg;

import org.dnsmesh.infra.iceberg.LocalFileIO;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.jdbc.JdbcClientPool;
import org.dnsmesh.catalog.CatalogConfig;
import org.dnsmesh.catalog.registry.Domain;
import org.dnsmesh.governance.policy.DomainName;
import org.dnsmesh.catalog.registry.DomainRepository;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One Iceberg {@link JdbcCatalog} per domain, all in the service's PostgreSQL database (the JDBC catalog
 * tables carry the catalog name, so domains share them). A domain registered by another instance is
 * opened on first use.
 */
@ApplicationScoped
public class DomainCatalogs {
  private static final Logger LOG = Logger.getLogger(DomainCatalogs.class);

  private final Map<String, DomainCatalog> open = new ConcurrentHashMap<>();
  private final DomainRepository domains;
  private final Path warehouseRoot;
  private final String jdbcUrl;
  private final Optional<String> jdbcUser;
  private final Optional<String> jdbcPassword;
  private final int jdbcPoolSize;

  public DomainCatalogs(
      DomainRepository domains,
      CatalogConfig config,
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> jdbcUser,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> jdbcPassword) {
    this.domains = domains;
    this.warehouseRoot = Path.of(config.warehouse().root()).toAbsolutePath().normalize();
    this.jdbcUrl = jdbcUrl;
    this.jdbcUser = jdbcUser;
    this.jdbcPassword = jdbcPassword;
    this.jdbcPoolSize = config.warehouse().jdbcPoolSize();
  }

  /** The warehouse a new domain gets. */
  public Warehouse warehouseOf(DomainName domain) {
    return new Warehouse(domain.value(), warehouseRoot.resolve(domain.value()));
  }

  /** The catalog of a registered domain; 404 when the domain is unknown. */
  public DomainCatalog get(String domain) {
    DomainCatalog catalog = open.get(domain);
    if (catalog != null) {
      return catalog;
    }
    DomainName name;
    try {
      name = DomainName.of(domain);
    } catch (IllegalArgumentException e) {
      throw new UnknownDomainException(domain);
    }
    Domain registered = domains.find(name).orElseThrow(() -> new UnknownDomainException(domain));
    return open(registered);
  }

  /** Opens (once) the catalog of a registered domain, creating its warehouse folder. */
  public DomainCatalog open(Domain domain) {
    return open.computeIfAbsent(domain.name().value(), name -> create(domain));
  }

  private DomainCatalog create(Domain domain) {
    Warehouse warehouse = new Warehouse(domain.name().value(), LocalFileIO.toPath(domain.warehouse()));
    try {
      Files.createDirectories(warehouse.root());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create warehouse " + warehouse.root(), e);
    }
    Map<String, String> properties = new HashMap<>();
    properties.put(CatalogProperties.URI, jdbcUrl);
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse.location());
    properties.put(CatalogProperties.CLIENT_POOL_SIZE, Integer.toString(jdbcPoolSize));
    // V1 adds the view support (iceberg_type column) to the JDBC catalog tables.
    properties.put("jdbc.schema-version", "V1");
    jdbcUser.ifPresent(user -> properties.put("jdbc.user", user));
    jdbcPassword.ifPresent(password -> properties.put("jdbc.password", password));
    JdbcCatalog catalog = new JdbcCatalog(
        ioProperties -> new LocalFileIO(),
        poolProperties -> new JdbcClientPool(jdbcUrl, poolProperties),
        true);
    catalog.initialize(domain.name().value(), properties);
    LOG.infof("Opened Iceberg catalog of domain %s at %s", domain.name(), warehouse.location());
    return new DomainCatalog(warehouse, catalog);
  }

  @PreDestroy
  void close() {
    open.values().forEach(catalog -> {
      try {
        catalog.catalog().close();
      } catch (RuntimeException e) {
        LOG.warnf(e, "Closing catalog %s", catalog.warehouse().domain());
      }
    });
  }
}

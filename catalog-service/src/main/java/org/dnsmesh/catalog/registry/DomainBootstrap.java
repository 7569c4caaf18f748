package org.dnsmesh.catalog.registry;

import org.dnsmesh.governance.policy.DomainName;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.dnsmesh.catalog.CatalogConfig;
import org.dnsmesh.catalog.iceberg.DomainCatalogs;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * At startup, registers the configured domains ({@code mesh.domains}) that are missing and opens the
 * catalog of every registered domain; the service reports ready only after that.
 */
@ApplicationScoped
@Readiness
public class DomainBootstrap implements HealthCheck {
  private static final Logger LOG = Logger.getLogger(DomainBootstrap.class);

  private final CatalogConfig config;
  private final DomainService domains;
  private final DomainRepository repository;
  private final DomainCatalogs catalogs;
  private volatile boolean ready;

  public DomainBootstrap(CatalogConfig config, DomainService domains, DomainRepository repository, DomainCatalogs catalogs) {
    this.config = config;
    this.domains = domains;
    this.repository = repository;
    this.catalogs = catalogs;
  }

  void onStart(@Observes StartupEvent event) {
    for (String name : config.domains()) {
      if (!name.isBlank()) {
        domains.ensure(DomainName.of(name.trim()), "", "");
      }
    }
    repository.list().forEach(catalogs::open);
    ready = true;
    LOG.infof("Catalog ready with domains %s", repository.list().stream().map(Domain::name).toList());
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("domain-catalogs").status(ready).build();
  }
}

package org.dnsmesh.catalog.registry;

import org.dnsmesh.governance.policy.DomainName;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.dnsmesh.catalog.auth.Authorizer;
import org.dnsmesh.catalog.auth.CatalogResource;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.catalog.iceberg.DomainCatalogs;

/** Registers domains: a registry row plus an opened Iceberg catalog over a fresh warehouse. */
@ApplicationScoped
public class DomainService {
  private final DomainRepository repository;
  private final DomainCatalogs catalogs;
  private final Authorizer authorizer;

  public DomainService(DomainRepository repository, DomainCatalogs catalogs, Authorizer authorizer) {
    this.repository = repository;
    this.catalogs = catalogs;
    this.authorizer = authorizer;
  }

  /** Registers the domain if missing (startup); answers the registered domain. */
  public Domain ensure(DomainName name, String ownerTeam, String description) {
    repository.insertIfAbsent(name, ownerTeam, description, catalogs.warehouseOf(name).location());
    Domain domain = repository.find(name).orElseThrow();
    catalogs.open(domain);
    return domain;
  }

  public Domain create(Caller caller, DomainName name, String ownerTeam, String description) {
    authorizer.authorizeOrThrow(caller, Operation.CREATE_DOMAIN, CatalogResource.mesh());
    if (!repository.insertIfAbsent(name, ownerTeam, description, catalogs.warehouseOf(name).location())) {
      throw new AlreadyExistsException("Domain already exists: %s", name);
    }
    Domain domain = repository.find(name).orElseThrow();
    catalogs.open(domain);
    return domain;
  }

  public List<Domain> list(Caller caller) {
    authorizer.authorizeOrThrow(caller, Operation.LIST_DOMAINS, CatalogResource.mesh());
    return repository.list();
  }

  public Domain get(Caller caller, DomainName name) {
    authorizer.authorizeOrThrow(caller, Operation.READ_DOMAIN, CatalogResource.domain(name.value()));
    return repository.find(name).orElseThrow(() -> new org.apache.iceberg.exceptions.NotFoundException("No such domain: %s", name));
  }
}

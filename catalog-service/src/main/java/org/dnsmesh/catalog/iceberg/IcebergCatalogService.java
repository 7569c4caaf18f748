package org.dnsmesh.catalog.iceberg;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.MetadataUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.UpdateRequirement;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.Endpoint;
import org.apache.iceberg.rest.RESTCatalogProperties;
import org.apache.iceberg.rest.requests.CommitTransactionRequest;
import org.apache.iceberg.rest.requests.CreateNamespaceRequest;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.CreateViewRequest;
import org.apache.iceberg.rest.requests.RegisterTableRequest;
import org.apache.iceberg.rest.requests.RegisterViewRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.UpdateNamespacePropertiesRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.apache.iceberg.rest.responses.ConfigResponse;
import org.apache.iceberg.rest.responses.CreateNamespaceResponse;
import org.apache.iceberg.rest.responses.GetNamespaceResponse;
import org.apache.iceberg.rest.responses.ListNamespacesResponse;
import org.apache.iceberg.rest.responses.ListTablesResponse;
import org.apache.iceberg.rest.responses.LoadTableResponse;
import org.apache.iceberg.rest.responses.LoadViewResponse;
import org.apache.iceberg.rest.responses.UpdateNamespacePropertiesResponse;
import org.dnsmesh.catalog.auth.Authorizer;
import org.dnsmesh.catalog.auth.CatalogResource;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.catalog.auth.Operation;
import org.dnsmesh.catalog.registry.ContractGuard;

/**
 * The Iceberg REST catalog as plain request-to-response code: every method authorizes first, keeps
 * names and locations inside the domain's warehouse, then delegates to Iceberg's {@link CatalogHandlers}
 * over the domain's JDBC catalog. The REST resource only parses and routes.
 */
@ApplicationScoped
public class IcebergCatalogService {
  /** The endpoints this server implements, announced in the config response. */
  public static final List<Endpoint> ENDPOINTS = List.of(
      Endpoint.V1_LIST_NAMESPACES,
      Endpoint.V1_LOAD_NAMESPACE,
      Endpoint.V1_NAMESPACE_EXISTS,
      Endpoint.V1_CREATE_NAMESPACE,
      Endpoint.V1_UPDATE_NAMESPACE,
      Endpoint.V1_DELETE_NAMESPACE,
      Endpoint.V1_COMMIT_TRANSACTION,
      Endpoint.V1_LIST_TABLES,
      Endpoint.V1_LOAD_TABLE,
      Endpoint.V1_TABLE_EXISTS,
      Endpoint.V1_CREATE_TABLE,
      Endpoint.V1_UPDATE_TABLE,
      Endpoint.V1_DELETE_TABLE,
      Endpoint.V1_RENAME_TABLE,
      Endpoint.V1_REGISTER_TABLE,
      Endpoint.V1_REPORT_METRICS,
      Endpoint.V1_LIST_VIEWS,
      Endpoint.V1_LOAD_VIEW,
      Endpoint.V1_VIEW_EXISTS,
      Endpoint.V1_CREATE_VIEW,
      Endpoint.V1_UPDATE_VIEW,
      Endpoint.V1_DELETE_VIEW,
      Endpoint.V1_RENAME_VIEW,
      Endpoint.V1_REGISTER_VIEW);

  private final DomainCatalogs catalogs;
  private final Authorizer authorizer;
  private final ContractGuard contracts;
  private final LoadTableCache loadTables;

  public IcebergCatalogService(DomainCatalogs catalogs, Authorizer authorizer, ContractGuard contracts,
      LoadTableCache loadTables) {
    this.catalogs = catalogs;
    this.authorizer = authorizer;
    this.contracts = contracts;
    this.loadTables = loadTables;
  }

  public ConfigResponse config(Caller caller, String warehouse) {
    if (warehouse == null || warehouse.isBlank()) {
      throw new BadRequestException(
          "Missing query parameter 'warehouse': name the domain whose catalog you want (e.g. warehouse=na)");
    }
    catalogs.get(warehouse); // which domains exist is no secret (every principal may list them)
    authorize(caller, Operation.CATALOG_CONFIG, CatalogResource.domain(warehouse));
    return ConfigResponse.builder()
        .withOverride("prefix", warehouse)
        .withEndpoints(ENDPOINTS)
        .build();
  }

  // ---- namespaces

  public ListNamespacesResponse listNamespaces(
      Caller caller, String domain, Optional<Namespace> parent, String pageToken, String pageSize) {
    Namespace namespace = parent.orElse(Namespace.empty());
    authorize(caller, Operation.LIST_NAMESPACES, resource(domain, namespace));
    DomainCatalog catalog = catalogs.get(domain);
    return pageSize == null
        ? CatalogHandlers.listNamespaces(catalog.catalog(), namespace)
        : CatalogHandlers.listNamespaces(catalog.catalog(), namespace, pageToken, pageSize);
  }

  public CreateNamespaceResponse createNamespace(Caller caller, String domain, CreateNamespaceRequest request) {
    if (request.namespace() == null || request.namespace().isEmpty()) {
      throw new BadRequestException("Cannot create the empty namespace");
    }
    authorize(caller, Operation.CREATE_NAMESPACE, resource(domain, request.namespace()));
    DomainCatalog catalog = catalogs.get(domain);
    Warehouse.requireValidNamespace(request.namespace());
    requireLocationProperties(catalog.warehouse(), request.properties(), "Namespace property");
    return CatalogHandlers.createNamespace(catalog.catalog(), request);
  }

  public void namespaceExists(Caller caller, String domain, Namespace namespace) {
    authorize(caller, Operation.LOAD_NAMESPACE, resource(domain, namespace));
    CatalogHandlers.namespaceExists(catalogs.get(domain).catalog(), namespace);
  }

  public GetNamespaceResponse loadNamespace(Caller caller, String domain, Namespace namespace) {
    authorize(caller, Operation.LOAD_NAMESPACE, resource(domain, namespace));
    return CatalogHandlers.loadNamespace(catalogs.get(domain).catalog(), namespace);
  }

  public void dropNamespace(Caller caller, String domain, Namespace namespace) {
    authorize(caller, Operation.DROP_NAMESPACE, resource(domain, namespace));
    CatalogHandlers.dropNamespace(catalogs.get(domain).catalog(), namespace);
  }

  public UpdateNamespacePropertiesResponse updateNamespaceProperties(
      Caller caller, String domain, Namespace namespace, UpdateNamespacePropertiesRequest request) {
    authorize(caller, Operation.UPDATE_NAMESPACE_PROPERTIES, resource(domain, namespace));
    DomainCatalog catalog = catalogs.get(domain);
    requireLocationProperties(catalog.warehouse(), request.updates(), "Namespace property");
    return CatalogHandlers.updateNamespaceProperties(catalog.catalog(), namespace, request);
  }

  // ---- tables

  public ListTablesResponse listTables(
      Caller caller, String domain, Namespace namespace, String pageToken, String pageSize) {
    authorize(caller, Operation.LIST_TABLES, resource(domain, namespace));
    DomainCatalog catalog = catalogs.get(domain);
    return pageSize == null
        ? CatalogHandlers.listTables(catalog.catalog(), namespace)
        : CatalogHandlers.listTables(catalog.catalog(), namespace, pageToken, pageSize);
  }

  public LoadTableResponse createTable(
      Caller caller, String domain, Namespace namespace, CreateTableRequest request) {
    TableIdentifier identifier = TableIdentifier.of(namespace, request.name());
    authorize(caller, Operation.CREATE_TABLE, resource(domain, identifier));
    DomainCatalog catalog = catalogs.get(domain);
    request.validate();
    Warehouse warehouse = catalog.warehouse();
    Warehouse.requireValidIdentifier(identifier);
    warehouse.requireInside(request.location(), "Table location");
    requireLocationProperties(warehouse, request.properties(), "Table property");
    CreateTableRequest located = withLocation(
        request, request.location() != null ? request.location() : warehouse.newTableLocation(identifier));
    return located.stageCreate()
        ? CatalogHandlers.stageTableCreate(catalog.catalog(), namespace, located)
        : CatalogHandlers.createTable(catalog.catalog(), namespace, located);
  }

  public LoadTableResponse registerTable(
      Caller caller, String domain, Namespace namespace, RegisterTableRequest request) {
    TableIdentifier identifier = TableIdentifier.of(namespace, request.name());
    authorize(caller, Operation.REGISTER_TABLE, resource(domain, identifier));
    DomainCatalog catalog = catalogs.get(domain);
    Warehouse.requireValidIdentifier(identifier);
    catalog.warehouse().requireInside(request.metadataLocation(), "Metadata location");
    return CatalogHandlers.registerTable(catalog.catalog(), namespace, request);
  }

  public LoadTableResponse loadTable(
      Caller caller, String domain, TableIdentifier identifier, RESTCatalogProperties.SnapshotMode mode) {
    authorize(caller, Operation.LOAD_TABLE, resource(domain, identifier));
    return CatalogHandlers.loadTable(catalogs.get(domain).catalog(), identifier, mode);
  }

  /**
   * loadTable as JSON: from {@link LoadTableCache} when the table's current metadata file was answered
   * before (the location is still read from the catalog on every call), else the normal path.
   */
  public String loadTableJson(
      Caller caller, String domain, TableIdentifier identifier, RESTCatalogProperties.SnapshotMode mode) {
    authorize(caller, Operation.LOAD_TABLE, resource(domain, identifier));
    DomainCatalog catalog = catalogs.get(domain);
    return loadTables.loadTableJson(domain, identifier, mode)
        .orElseGet(() -> IcebergJson.write(CatalogHandlers.loadTable(catalog.catalog(), identifier, mode)));
  }

  public void tableExists(Caller caller, String domain, TableIdentifier identifier) {
    authorize(caller, Operation.LOAD_TABLE, resource(domain, identifier));
    CatalogHandlers.tableExists(catalogs.get(domain).catalog(), identifier);
  }

  public LoadTableResponse updateTable(
      Caller caller, String domain, TableIdentifier identifier, UpdateTableRequest request) {
    authorize(caller, Operation.COMMIT_TABLE, resource(domain, identifier));
    DomainCatalog catalog = catalogs.get(domain);
    Warehouse.requireValidIdentifier(identifier);
    requireLocations(catalog.warehouse(), request.updates());
    contracts.check(domain, identifier, request.updates());
    return CatalogHandlers.updateTable(catalog.catalog(), identifier, request);
  }

  public void dropTable(Caller caller, String domain, TableIdentifier identifier, boolean purge) {
    authorize(caller, Operation.DROP_TABLE, resource(domain, identifier));
    DomainCatalog catalog = catalogs.get(domain);
    if (purge) {
      CatalogHandlers.purgeTable(catalog.catalog(), identifier);
    } else {
      CatalogHandlers.dropTable(catalog.catalog(), identifier);
    }
  }

  public void renameTable(Caller caller, String domain, RenameTableRequest request) {
    requireRenameNames(request);
    authorize(caller, Operation.RENAME_TABLE, resource(domain, request.source()));
    authorize(caller, Operation.CREATE_TABLE, resource(domain, request.destination()));
    DomainCatalog catalog = catalogs.get(domain);
    Warehouse.requireValidIdentifier(request.destination());
    CatalogHandlers.renameTable(catalog.catalog(), request);
  }

  public void reportMetrics(Caller caller, String domain, TableIdentifier identifier) {
    authorize(caller, Operation.REPORT_METRICS, resource(domain, identifier));
  }

  /**
   * Commits changes to several tables: every table's requirements are checked against its current
   * metadata first, and only then are the tables committed, each guarded by its metadata location.
   * The JDBC catalog commits table by table, so a conflict on a later table after the check can still
   * leave earlier tables committed (as in Iceberg's reference server).
   */
  public void commitTransaction(Caller caller, String domain, CommitTransactionRequest request) {
    for (UpdateTableRequest change : request.tableChanges()) {
      if (change.identifier() == null) {
        throw new BadRequestException("Every table change of a transaction needs an identifier");
      }
      authorize(caller, Operation.COMMIT_TRANSACTION, resource(domain, change.identifier()));
    }
    DomainCatalog catalog = catalogs.get(domain);
    record Staged(TableOperations operations, TableMetadata base, TableMetadata updated) {}
    List<Staged> staged = new ArrayList<>();
    for (UpdateTableRequest change : request.tableChanges()) {
      requireLocations(catalog.warehouse(), change.updates());
      contracts.check(domain, change.identifier(), change.updates());
      Table table = catalog.catalog().loadTable(change.identifier());
      if (!(table instanceof BaseTable baseTable)) {
        throw new BadRequestException("Cannot commit to %s: not a plain table", change.identifier());
      }
      TableOperations operations = baseTable.operations();
      TableMetadata base = operations.current();
      for (UpdateRequirement requirement : change.requirements()) {
        requirement.validate(base);
      }
      TableMetadata.Builder builder = TableMetadata.buildFrom(base);
      for (MetadataUpdate update : change.updates()) {
        update.applyTo(builder);
      }
      staged.add(new Staged(operations, base, builder.build()));
    }
    for (Staged table : staged) {
      if (table.base() != table.updated()) {
        table.operations().commit(table.base(), table.updated());
      }
    }
  }

  // ---- views

  public ListTablesResponse listViews(
      Caller caller, String domain, Namespace namespace, String pageToken, String pageSize) {
    authorize(caller, Operation.LIST_VIEWS, resource(domain, namespace));
    DomainCatalog catalog = catalogs.get(domain);
    return pageSize == null
        ? CatalogHandlers.listViews(catalog.catalog(), namespace)
        : CatalogHandlers.listViews(catalog.catalog(), namespace, pageToken, pageSize);
  }

  public LoadViewResponse createView(Caller caller, String domain, Namespace namespace, CreateViewRequest request) {
    TableIdentifier identifier = TableIdentifier.of(namespace, request.name());
    authorize(caller, Operation.CREATE_VIEW, resource(domain, identifier));
    DomainCatalog catalog = catalogs.get(domain);
    Warehouse.requireValidIdentifier(identifier);
    catalog.warehouse().requireInside(request.location(), "View location");
    requireLocationProperties(catalog.warehouse(), request.properties(), "View property");
    return CatalogHandlers.createView(catalog.catalog(), namespace, request);
  }

  public LoadViewResponse registerView(
      Caller caller, String domain, Namespace namespace, RegisterViewRequest request) {
    TableIdentifier identifier = TableIdentifier.of(namespace, request.name());
    authorize(caller, Operation.REGISTER_VIEW, resource(domain, identifier));
    DomainCatalog catalog = catalogs.get(domain);
    Warehouse.requireValidIdentifier(identifier);
    catalog.warehouse().requireInside(request.metadataLocation(), "Metadata location");
    return CatalogHandlers.registerView(catalog.catalog(), namespace, request);
  }

  public LoadViewResponse loadView(Caller caller, String domain, TableIdentifier identifier) {
    authorize(caller, Operation.LOAD_VIEW, resource(domain, identifier));
    return CatalogHandlers.loadView(catalogs.get(domain).catalog(), identifier);
  }

  public void viewExists(Caller caller, String domain, TableIdentifier identifier) {
    authorize(caller, Operation.LOAD_VIEW, resource(domain, identifier));
    CatalogHandlers.viewExists(catalogs.get(domain).catalog(), identifier);
  }

  public LoadViewResponse replaceView(
      Caller caller, String domain, TableIdentifier identifier, UpdateTableRequest request) {
    authorize(caller, Operation.REPLACE_VIEW, resource(domain, identifier));
    DomainCatalog catalog = catalogs.get(domain);
    requireLocations(catalog.warehouse(), request.updates());
    return CatalogHandlers.updateView(catalog.catalog(), identifier, request);
  }

  public void dropView(Caller caller, String domain, TableIdentifier identifier) {
    authorize(caller, Operation.DROP_VIEW, resource(domain, identifier));
    CatalogHandlers.dropView(catalogs.get(domain).catalog(), identifier);
  }

  public void renameView(Caller caller, String domain, RenameTableRequest request) {
    requireRenameNames(request);
    authorize(caller, Operation.RENAME_VIEW, resource(domain, request.source()));
    authorize(caller, Operation.CREATE_VIEW, resource(domain, request.destination()));
    DomainCatalog catalog = catalogs.get(domain);
    Warehouse.requireValidIdentifier(request.destination());
    CatalogHandlers.renameView(catalog.catalog(), request);
  }

  // ---- helpers

  private void authorize(Caller caller, Operation operation, CatalogResource resource) {
    authorizer.authorizeOrThrow(caller, operation, resource);
  }

  private static void requireRenameNames(RenameTableRequest request) {
    if (request.source() == null || request.destination() == null) {
      throw new BadRequestException("A rename needs both 'source' and 'destination'");
    }
  }

  private static CatalogResource resource(String domain, Namespace namespace) {
    return CatalogResource.namespace(domain, List.of(namespace.levels()));
  }

  private static CatalogResource resource(String domain, TableIdentifier identifier) {
    return CatalogResource.object(domain, List.of(identifier.namespace().levels()), identifier.name());
  }

  private static void requireLocationProperties(Warehouse warehouse, Map<String, String> properties, String what) {
    if (properties == null) {
      return;
    }
    properties.forEach((key, value) -> {
      if (Warehouse.LOCATION_PROPERTIES.contains(key)) {
        warehouse.requireInside(value, what + " '" + key + "'");
      }
    });
  }

  private static void requireLocations(Warehouse warehouse, List<MetadataUpdate> updates) {
    for (MetadataUpdate update : updates) {
      if (update instanceof MetadataUpdate.SetLocation setLocation) {
        warehouse.requireInside(setLocation.location(), "Location");
      } else if (update instanceof MetadataUpdate.SetProperties setProperties) {
        requireLocationProperties(warehouse, setProperties.updated(), "Property");
      }
    }
  }

  private static CreateTableRequest withLocation(CreateTableRequest request, String location) {
    CreateTableRequest.Builder builder = CreateTableRequest.builder()
        .withName(request.name())
        .withLocation(location)
        .withSchema(request.schema())
        .setProperties(request.properties());
    if (request.spec() != null) {
      builder.withPartitionSpec(request.spec());
    }
    if (request.writeOrder() != null) {
      builder.withWriteOrder(request.writeOrder());
    }
    if (request.stageCreate()) {
      builder.stageCreate();
    }
    return builder.build();
  }
}

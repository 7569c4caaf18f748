package org.dnsmesh.catalog.iceberg;

import org.dnsmesh.infra.iceberg.LocalFileIO;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.MetadataUpdate;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchTableException;
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
import org.dnsmesh.governance.policy.Operation;
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
  private final CommitChecks checks;

  public IcebergCatalogService(DomainCatalogs catalogs, Authorizer authorizer, ContractGuard contracts,
      LoadTableCache loadTables, CommitChecks checks) {
    this.catalogs = catalogs;
    this.authorizer = authorizer;
    this.contracts = contracts;
    this.loadTables = loadTables;
    this.checks = checks;
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
    CatalogNames.requireValid(request.namespace());
    authorize(caller, Operation.CREATE_NAMESPACE, resource(domain, request.namespace()));
    DomainCatalog catalog = catalogs.get(domain);
    checks.requireNamespaceProperties(request.properties(), List.of());
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
    checks.requireNamespaceProperties(request.updates(), request.removals());
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
    TableIdentifier identifier = identifier(namespace, request.name());
    authorize(caller, Operation.CREATE_TABLE, resource(domain, identifier));
    DomainCatalog catalog = catalogs.get(domain);
    request.validate();
    Warehouse warehouse = catalog.warehouse();
    checks.requireProperties(request.properties() == null ? 0 : request.properties().size());
    warehouse.requireInside(request.location(), "create-table 'location'");
    String location = request.location() != null ? request.location() : warehouse.newTableLocation(identifier);
    TableFiles.requireLocationProperties(warehouse, location, request.properties(), "create-table 'properties'");
    CreateTableRequest located = withLocation(request, location);
    requireCreatable(located);
    return located.stageCreate()
        ? CatalogHandlers.stageTableCreate(catalog.catalog(), namespace, located)
        : CatalogHandlers.createTable(catalog.catalog(), namespace, located);
  }

  public LoadTableResponse registerTable(
      Caller caller, String domain, Namespace namespace, RegisterTableRequest request) {
    TableIdentifier identifier = identifier(namespace, request.name());
    authorize(caller, Operation.REGISTER_TABLE, resource(domain, identifier));
    DomainCatalog catalog = catalogs.get(domain);
    if (request.metadataLocation() == null || request.metadataLocation().isBlank()) {
      throw new BadRequestException("register-table: 'metadata-location' is required");
    }
    catalog.warehouse().requireInside(request.metadataLocation(), "register-table 'metadata-location'");
    TableMetadata metadata;
    try {
      metadata = TableMetadataParser.read(new LocalFileIO(), request.metadataLocation());
    } catch (RuntimeException e) {
      throw new BadRequestException("register-table 'metadata-location' '%s' is not a readable table metadata file: %s",
          request.metadataLocation(), e.getMessage());
    }
    TableFiles.requireConfined(catalog.warehouse(), metadata);
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
    checks.requireWithinLimits(request);
    Optional<TableOperations> table = currentTable(catalog, identifier);
    if (table.isEmpty() && request.requirements().stream()
        .noneMatch(requirement -> requirement instanceof org.apache.iceberg.UpdateRequirement.AssertTableDoesNotExist)) {
      throw new NoSuchTableException("Table does not exist: %s", identifier);
    }
    String current = table.map(ops -> ops.current().location()).orElse(null);
    TableFiles.requireConfined(catalog.warehouse(), current, request.updates());
    contracts.check(domain, identifier, request.updates());
    table.ifPresent(ops -> checks.dryRun(ops.current(), request));
    return CatalogHandlers.updateTable(catalog.catalog(), identifier, request);
  }

  public void dropTable(Caller caller, String domain, TableIdentifier identifier, boolean purge) {
    authorize(caller, Operation.DROP_TABLE, resource(domain, identifier));
    DomainCatalog catalog = catalogs.get(domain);
    if (purge) {
      // dropped first (as Iceberg does), then only the files under the table's own location are deleted
      Table table = catalog.catalog().loadTable(identifier);
      if (!(table instanceof BaseTable baseTable)) {
        throw new BadRequestException("Cannot purge %s: not a plain table", identifier);
      }
      TableMetadata metadata = baseTable.operations().current();
      if (!catalog.catalog().dropTable(identifier, false)) {
        throw new NoSuchTableException("Table does not exist: %s", identifier);
      }
      TablePurge.deleteFiles(catalog.warehouse(), baseTable.operations().io(), metadata);
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
    checks.requireTableChanges(request.tableChanges().size());
    Set<TableIdentifier> seen = new HashSet<>();
    for (UpdateTableRequest change : request.tableChanges()) {
      if (change.identifier() == null) {
        throw new BadRequestException("Every table change of a transaction needs an identifier");
      }
      CatalogNames.requireValid(change.identifier());
      if (!seen.add(change.identifier())) {
        throw new BadRequestException("Table %s appears twice in the transaction: send one change per table",
            change.identifier());
      }
      checks.requireWithinLimits(change);
      authorize(caller, Operation.COMMIT_TRANSACTION, resource(domain, change.identifier()));
    }
    DomainCatalog catalog = catalogs.get(domain);
    record Staged(TableOperations operations, TableMetadata base, TableMetadata updated) {}
    List<Staged> staged = new ArrayList<>();
    for (UpdateTableRequest change : request.tableChanges()) {
      TableOperations operations = currentTable(catalog, change.identifier())
          .orElseThrow(() -> new NoSuchTableException("Table does not exist: %s", change.identifier()));
      TableMetadata base = operations.current();
      TableFiles.requireConfined(catalog.warehouse(), base.location(), change.updates());
      contracts.check(domain, change.identifier(), change.updates());
      staged.add(new Staged(operations, base, checks.dryRun(base, change)));
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
    TableIdentifier identifier = identifier(namespace, request.name());
    authorize(caller, Operation.CREATE_VIEW, resource(domain, identifier));
    DomainCatalog catalog = catalogs.get(domain);
    catalog.warehouse().requireInside(request.location(), "View location");
    requireLocationProperties(catalog.warehouse(), request.properties(), "View property");
    return CatalogHandlers.createView(catalog.catalog(), namespace, request);
  }

  public LoadViewResponse registerView(
      Caller caller, String domain, Namespace namespace, RegisterViewRequest request) {
    TableIdentifier identifier = identifier(namespace, request.name());
    authorize(caller, Operation.REGISTER_VIEW, resource(domain, identifier));
    DomainCatalog catalog = catalogs.get(domain);
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
    checks.requireWithinLimits(request);
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
    CatalogNames.requireValid(request.source());
    CatalogNames.requireValid(request.destination());
  }

  /**
   * Builds the new table's metadata without writing it, so that what Iceberg refuses only while creating
   * (a v3-only type in a v2 table, a partition field on a missing column) is a 400 before anything is written.
   */
  private static void requireCreatable(CreateTableRequest request) {
    try {
      TableMetadata.newTableMetadata(
          request.schema(),
          request.spec() == null ? PartitionSpec.unpartitioned() : request.spec(),
          request.writeOrder() == null ? SortOrder.unsorted() : request.writeOrder(),
          request.location(),
          request.properties() == null ? Map.of() : request.properties());
    } catch (BadRequestException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new BadRequestException("create-table '%s' cannot be created: %s", request.name(),
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  /** A name from a request body, checked before it reaches the decision point, PostgreSQL or the disk. */
  private static TableIdentifier identifier(Namespace namespace, String name) {
    if (name == null) {
      throw new BadRequestException("'name' is required");
    }
    TableIdentifier identifier = TableIdentifier.of(namespace, name);
    CatalogNames.requireValid(identifier);
    return identifier;
  }

  /** The table's operations as of now; empty when it does not exist (a staged create commits that way). */
  private static Optional<TableOperations> currentTable(DomainCatalog catalog, TableIdentifier identifier) {
    if (!catalog.catalog().tableExists(identifier)) {
      return Optional.empty();
    }
    Table table = catalog.catalog().loadTable(identifier);
    if (!(table instanceof BaseTable baseTable)) {
      throw new BadRequestException("Cannot commit to %s: not a plain table", identifier);
    }
    return Optional.of(baseTable.operations());
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

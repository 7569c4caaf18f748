package org.dnsmesh.catalog.iceberg;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.rest.RESTCatalogProperties;
import org.apache.iceberg.rest.RESTUtil;
import org.apache.iceberg.rest.requests.CommitTransactionRequest;
import org.apache.iceberg.rest.requests.CreateNamespaceRequest;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.CreateViewRequest;
import org.apache.iceberg.rest.requests.RegisterTableRequest;
import org.apache.iceberg.rest.requests.RegisterViewRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.ReportMetricsRequest;
import org.apache.iceberg.rest.requests.UpdateNamespacePropertiesRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.catalog.auth.Callers;
import org.dnsmesh.catalog.auth.TokenService;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The Iceberg REST catalog API under {@code /iceberg/v1}; the REST prefix is the domain name. A thin
 * adapter: it decodes paths and bodies with Iceberg's own serializers and delegates to
 * {@link IcebergCatalogService}. Paths follow Iceberg's {@code ResourcePaths}.
 */
@Path("/iceberg/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class IcebergCatalogResource {
  private static final String NAMESPACE_SEPARATOR = "%1F";

  private final IcebergCatalogService service;
  private final TokenService tokens;
  private final JsonWebToken token;

  public IcebergCatalogResource(IcebergCatalogService service, TokenService tokens, JsonWebToken token) {
    this.service = service;
    this.tokens = tokens;
    this.token = token;
  }

  @GET
  @Path("config")
  public Response config(@QueryParam("warehouse") String warehouse) {
    return ok(service.config(caller(), warehouse));
  }

  /** Iceberg's OAuth2 token endpoint (client credentials and token exchange), for RESTCatalog clients. */
  @POST
  @Path("oauth/tokens")
  @PermitAll
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response oauthTokens(@HeaderParam("Authorization") String authorization,
      MultivaluedMap<String, String> form) {
    return tokens.oauthToken(form, authorization);
  }

  // ---- namespaces

  @GET
  @Path("{prefix}/namespaces")
  public Response listNamespaces(
      @PathParam("prefix") String prefix,
      @Encoded @QueryParam("parent") String parent,
      @QueryParam("pageToken") String pageToken,
      @QueryParam("pageSize") String pageSize) {
    Optional<Namespace> parentNamespace = parent == null ? Optional.empty() : Optional.of(namespace(parent));
    return ok(service.listNamespaces(caller(), prefix, parentNamespace, pageToken, pageSize));
  }

  @POST
  @Path("{prefix}/namespaces")
  public Response createNamespace(@PathParam("prefix") String prefix, String body) {
    return ok(service.createNamespace(caller(), prefix, IcebergJson.read(body, CreateNamespaceRequest.class)));
  }

  @GET
  @Path("{prefix}/namespaces/{namespace}")
  public Response loadNamespace(@PathParam("prefix") String prefix, @Encoded @PathParam("namespace") String namespace) {
    return ok(service.loadNamespace(caller(), prefix, namespace(namespace)));
  }

  @HEAD
  @Path("{prefix}/namespaces/{namespace}")
  public Response namespaceExists(@PathParam("prefix") String prefix, @Encoded @PathParam("namespace") String namespace) {
    service.namespaceExists(caller(), prefix, namespace(namespace));
    return Response.noContent().build();
  }

  @DELETE
  @Path("{prefix}/namespaces/{namespace}")
  public Response dropNamespace(@PathParam("prefix") String prefix, @Encoded @PathParam("namespace") String namespace) {
    service.dropNamespace(caller(), prefix, namespace(namespace));
    return Response.noContent().build();
  }

  @POST
  @Path("{prefix}/namespaces/{namespace}/properties")
  public Response updateNamespaceProperties(
      @PathParam("prefix") String prefix, @Encoded @PathParam("namespace") String namespace, String body) {
    return ok(service.updateNamespaceProperties(
        caller(), prefix, namespace(namespace), IcebergJson.read(body, UpdateNamespacePropertiesRequest.class)));
  }

  // ---- tables

  @GET
  @Path("{prefix}/namespaces/{namespace}/tables")
  public Response listTables(
      @PathParam("prefix") String prefix,
      @Encoded @PathParam("namespace") String namespace,
      @QueryParam("pageToken") String pageToken,
      @QueryParam("pageSize") String pageSize) {
    return ok(service.listTables(caller(), prefix, namespace(namespace), pageToken, pageSize));
  }

  @POST
  @Path("{prefix}/namespaces/{namespace}/tables")
  public Response createTable(
      @PathParam("prefix") String prefix, @Encoded @PathParam("namespace") String namespace, String body) {
    return ok(service.createTable(caller(), prefix, namespace(namespace), IcebergJson.read(body, CreateTableRequest.class)));
  }

  @POST
  @Path("{prefix}/namespaces/{namespace}/register")
  public Response registerTable(
      @PathParam("prefix") String prefix, @Encoded @PathParam("namespace") String namespace, String body) {
    return ok(service.registerTable(
        caller(), prefix, namespace(namespace), IcebergJson.read(body, RegisterTableRequest.class)));
  }

  @GET
  @Path("{prefix}/namespaces/{namespace}/tables/{table}")
  public Response loadTable(
      @PathParam("prefix") String prefix,
      @Encoded @PathParam("namespace") String namespace,
      @Encoded @PathParam("table") String table,
      @QueryParam("snapshots") String snapshots) {
    return Response.ok(service.loadTableJson(caller(), prefix, identifier(namespace, table), snapshotMode(snapshots)),
        MediaType.APPLICATION_JSON_TYPE).build();
  }

  @HEAD
  @Path("{prefix}/namespaces/{namespace}/tables/{table}")
  public Response tableExists(
      @PathParam("prefix") String prefix,
      @Encoded @PathParam("namespace") String namespace,
      @Encoded @PathParam("table") String table) {
    service.tableExists(caller(), prefix, identifier(namespace, table));
    return Response.noContent().build();
  }

  @POST
  @Path("{prefix}/namespaces/{namespace}/tables/{table}")
  public Response updateTable(
      @PathParam("prefix") String prefix,
      @Encoded @PathParam("namespace") String namespace,
      @Encoded @PathParam("table") String table,
      String body) {
    return ok(service.updateTable(
        caller(), prefix, identifier(namespace, table), IcebergJson.read(body, UpdateTableRequest.class)));
  }

  @DELETE
  @Path("{prefix}/namespaces/{namespace}/tables/{table}")
  public Response dropTable(
      @PathParam("prefix") String prefix,
      @Encoded @PathParam("namespace") String namespace,
      @Encoded @PathParam("table") String table,
      @QueryParam("purgeRequested") boolean purgeRequested) {
    service.dropTable(caller(), prefix, identifier(namespace, table), purgeRequested);
    return Response.noContent().build();
  }

  @POST
  @Path("{prefix}/namespaces/{namespace}/tables/{table}/metrics")
  public Response reportMetrics(
      @PathParam("prefix") String prefix,
      @Encoded @PathParam("namespace") String namespace,
      @Encoded @PathParam("table") String table,
      String body) {
    IcebergJson.read(body, ReportMetricsRequest.class);
    service.reportMetrics(caller(), prefix, identifier(namespace, table));
    return Response.noContent().build();
  }

  @POST
  @Path("{prefix}/tables/rename")
  public Response renameTable(@PathParam("prefix") String prefix, String body) {
    service.renameTable(caller(), prefix, IcebergJson.read(body, RenameTableRequest.class));
    return Response.noContent().build();
  }

  @POST
  @Path("{prefix}/transactions/commit")
  public Response commitTransaction(@PathParam("prefix") String prefix, String body) {
    service.commitTransaction(caller(), prefix, IcebergJson.read(body, CommitTransactionRequest.class));
    return Response.noContent().build();
  }

  // ---- views

  @GET
  @Path("{prefix}/namespaces/{namespace}/views")
  public Response listViews(
      @PathParam("prefix") String prefix,
      @Encoded @PathParam("namespace") String namespace,
      @QueryParam("pageToken") String pageToken,
      @QueryParam("pageSize") String pageSize) {
    return ok(service.listViews(caller(), prefix, namespace(namespace), pageToken, pageSize));
  }

  @POST
  @Path("{prefix}/namespaces/{namespace}/views")
  public Response createView(
      @PathParam("prefix") String prefix, @Encoded @PathParam("namespace") String namespace, String body) {
    return ok(service.createView(caller(), prefix, namespace(namespace), IcebergJson.read(body, CreateViewRequest.class)));
  }

  @POST
  @Path("{prefix}/namespaces/{namespace}/register-view")
  public Response registerView(
      @PathParam("prefix") String prefix, @Encoded @PathParam("namespace") String namespace, String body) {
    return ok(service.registerView(
        caller(), prefix, namespace(namespace), IcebergJson.read(body, RegisterViewRequest.class)));
  }

  @GET
  @Path("{prefix}/namespaces/{namespace}/views/{view}")
  public Response loadView(
      @PathParam("prefix") String prefix,
      @Encoded @PathParam("namespace") String namespace,
      @Encoded @PathParam("view") String view) {
    return ok(service.loadView(caller(), prefix, identifier(namespace, view)));
  }

  @HEAD
  @Path("{prefix}/namespaces/{namespace}/views/{view}")
  public Response viewExists(
      @PathParam("prefix") String prefix,
      @Encoded @PathParam("namespace") String namespace,
      @Encoded @PathParam("view") String view) {
    service.viewExists(caller(), prefix, identifier(namespace, view));
    return Response.noContent().build();
  }

  @POST
  @Path("{prefix}/namespaces/{namespace}/views/{view}")
  public Response replaceView(
      @PathParam("prefix") String prefix,
      @Encoded @PathParam("namespace") String namespace,
      @Encoded @PathParam("view") String view,
      String body) {
    return ok(service.replaceView(
        caller(), prefix, identifier(namespace, view), IcebergJson.read(body, UpdateTableRequest.class)));
  }

  @DELETE
  @Path("{prefix}/namespaces/{namespace}/views/{view}")
  public Response dropView(
      @PathParam("prefix") String prefix,
      @Encoded @PathParam("namespace") String namespace,
      @Encoded @PathParam("view") String view) {
    service.dropView(caller(), prefix, identifier(namespace, view));
    return Response.noContent().build();
  }

  @POST
  @Path("{prefix}/views/rename")
  public Response renameView(@PathParam("prefix") String prefix, String body) {
    service.renameView(caller(), prefix, IcebergJson.read(body, RenameTableRequest.class));
    return Response.noContent().build();
  }

  // ---- helpers

  private Caller caller() {
    return Callers.from(token);
  }

  private static Response ok(Object entity) {
    return Response.ok(IcebergJson.write(entity), MediaType.APPLICATION_JSON_TYPE).build();
  }

  /** Path names are decoded and checked here, before the decision point, PostgreSQL or the disk see them. */
  private static Namespace namespace(String encoded) {
    Namespace namespace = RESTUtil.decodeNamespace(encoded, NAMESPACE_SEPARATOR);
    CatalogNames.requireValid(namespace);
    return namespace;
  }

  private static TableIdentifier identifier(String namespace, String name) {
    TableIdentifier identifier = TableIdentifier.of(namespace(namespace), RESTUtil.decodeString(name));
    CatalogNames.requireValid(identifier);
    return identifier;
  }

  private static RESTCatalogProperties.SnapshotMode snapshotMode(String snapshots) {
    if (snapshots == null || snapshots.isBlank()) {
      return RESTCatalogProperties.SnapshotMode.ALL;
    }
    try {
      return RESTCatalogProperties.SnapshotMode.valueOf(snapshots.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("Invalid query parameter snapshots='%s': expected 'all' or 'refs'", snapshots);
    }
  }
}

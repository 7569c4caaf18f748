package org.dnsmesh.catalog.registry;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.exceptions.BadRequestException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.dnsmesh.catalog.auth.Callers;
import org.dnsmesh.catalog.consumer.ConsumerView;
import org.dnsmesh.catalog.consumer.ConsumerViews;
import org.dnsmesh.catalog.consumer.ContractVersionDiffs;
import org.dnsmesh.catalog.consumer.QualityHistory;
import org.dnsmesh.catalog.consumer.QualityTrends;
import org.dnsmesh.catalog.governance.DiffView;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Registry API for data products, their contract versions, search and schemas by fingerprint. */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {
  /** Longest window of the quality trends, in days (the monitor keeps its history in the mesh database). */
  static final int MAX_TREND_DAYS = 31;

  private final ProductService products;
  private final JsonWebToken token;
  private final ConsumerViews views;
  private final QualityHistory quality;
  private final ContractVersionDiffs diffs;

  public ProductResource(ProductService products, JsonWebToken token, ConsumerViews views, QualityHistory quality,
      ContractVersionDiffs diffs) {
    this.products = products;
    this.token = token;
    this.views = views;
    this.quality = quality;
    this.diffs = diffs;
  }

  /** Registers or updates a product (publisher of its domain). */
  @POST
  @Path("products")
  public Product publish(Product product) {
    if (product == null) {
      throw new BadRequestException("Missing body: a product with at least domain and name");
    }
    return products.publish(Callers.from(token), product);
  }

  /** Search: {@code q} is full text (websearch syntax); filters by domain, status, classification. */
  @GET
  @Path("products")
  public List<Product> search(
      @QueryParam("q") String text,
      @QueryParam("domain") String domain,
      @QueryParam("status") String status,
      @QueryParam("classification") String classification,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    return products.search(Callers.from(token), Optional.ofNullable(text), Optional.ofNullable(domain),
        Optional.ofNullable(status), Optional.ofNullable(classification), limit);
  }

  /** The product page in one call: product, contracts, output tables with snapshot, quality, lineage. */
  @GET
  @Path("products/{domain}/{name}")
  public ProductService.ProductPage page(
      @PathParam("domain") String domain,
      @PathParam("name") String name,
      @QueryParam("depth") @DefaultValue("2") int depth) {
    return products.page(Callers.from(token), domain, name, depth);
  }

  /**
   * What the signed-in principal sees of the product, per table and column: clear, or masked (with the mask), and
   * the row filters, as the policy decision point in force decides. Only ever the caller's own view: the endpoint
   * takes no parameter naming a principal and refuses any query parameter rather than ignore one.
   */
  @GET
  @Path("products/{domain}/{name}/view")
  public ConsumerView view(@PathParam("domain") String domain, @PathParam("name") String name,
      @Context UriInfo uri) {
    if (!uri.getQueryParameters().isEmpty()) {
      throw new BadRequestException("GET /api/v1/products/%s/%s/view takes no query parameters (got %s): it is always "
          + "the view of the signed-in principal, never another's", domain, name,
          String.join(", ", new java.util.TreeSet<>(uri.getQueryParameters().keySet())));
    }
    return views.of(Callers.from(token), domain, name);
  }

  /**
   * The quality monitor's results for the product over the last {@code days} days (1-31, default 7): hourly
   * volume with its band, freshness lag and record drift per table, SLA compliance, and the open alerts.
   */
  @GET
  @Path("products/{domain}/{name}/quality")
  public QualityTrends quality(@PathParam("domain") String domain, @PathParam("name") String name,
      @QueryParam("days") @DefaultValue("7") int days) {
    products.readable(Callers.from(token), domain, name);
    if (days < 1 || days > MAX_TREND_DAYS) {
      throw new BadRequestException("Query parameter days must be between 1 and %d, was %d", MAX_TREND_DAYS, days);
    }
    java.time.Instant now = java.time.Instant.now();
    return quality.read(domain, name, now.minus(java.time.Duration.ofDays(days)), now);
  }

  /** Two published contract versions compared ({@code ?from=1.0.0&to=1.1.0}): class, rules and the changelog. */
  @GET
  @Path("products/{domain}/{name}/diff")
  public DiffView diff(@PathParam("domain") String domain, @PathParam("name") String name,
      @QueryParam("from") String from, @QueryParam("to") String to) {
    return diffs.diff(Callers.from(token), domain, name, from, to);
  }

  @POST
  @Path("products/{domain}/{name}/contracts")
  public Response publishContract(
      @PathParam("domain") String domain, @PathParam("name") String name, ProductService.PublishContractRequest request) {
    ContractVersion contract = products.publishContract(Callers.from(token), domain, name, request);
    return Response.status(201).entity(contract).build();
  }

  @GET
  @Path("products/{domain}/{name}/contracts/{version}")
  public Response contract(
      @PathParam("domain") String domain, @PathParam("name") String name, @PathParam("version") String version) {
    ProductService.ContractVersionView contract = products.contract(Callers.from(token), domain, name, version);
    Response.ResponseBuilder response = Response.ok(contract);
    if (contract.sunset() != null) {
      // RFC 8594: the end of the version's life (the end of its sunset day, UTC)
      response.header("Sunset", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
          contract.sunset().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC)));
    }
    return response.build();
  }

  /** The writer schema with this CRC-64-AVRO fingerprint (16 hex digits, little-endian; or a decimal long) or identity (64 hex). */
  @GET
  @Path("schemas/{fingerprint}")
  public ProductService.SchemaByFingerprint schema(@PathParam("fingerprint") String fingerprint) {
    return products.schema(Callers.from(token), fingerprint);
  }
}

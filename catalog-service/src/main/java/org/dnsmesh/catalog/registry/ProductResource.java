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
import org.dnsmesh.catalog.auth.Callers;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Registry API for data products, their contract versions, search and schemas by fingerprint. */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {
  private final ProductService products;
  private final JsonWebToken token;

  public ProductResource(ProductService products, JsonWebToken token) {
    this.products = products;
    this.token = token;
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

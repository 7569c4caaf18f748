package org.dnsmesh.catalog.lineage;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.exceptions.BadRequestException;
import org.dnsmesh.catalog.auth.Callers;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** OpenLineage receiver ({@code POST /api/v1/lineage}, as the OpenLineage HTTP transport sends) and graph. */
@Path("/api/v1/lineage")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class LineageResource {
  private final LineageService lineage;
  private final JsonWebToken token;

  public LineageResource(LineageService lineage, JsonWebToken token) {
    this.lineage = lineage;
    this.token = token;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response receive(String body) {
    long id = lineage.receive(Callers.from(token), body);
    return Response.status(201).entity(Map.of("id", id)).build();
  }

  /**
   * Who reads a dataset, e.g. {@code /consumers?namespace=na&name=resolver.queries}: pipelines (jobs) and the
   * principals who queried it through Trino, as far as the caller may see them (owners, stewards, auditors).
   */
  @GET
  @Path("/consumers")
  public java.util.List<LineageService.Consumer> consumers(@QueryParam("namespace") String namespace,
      @QueryParam("name") String name) {
    if (namespace == null || namespace.isBlank() || name == null || name.isBlank()) {
      throw new BadRequestException("Query parameters namespace and name are required");
    }
    return lineage.consumers(Callers.from(token), LineageNode.dataset(namespace, name));
  }

  /** Lineage graph around a dataset or job, e.g. {@code ?type=dataset&namespace=na&name=resolver.queries&depth=2}. */
  @GET
  public LineageGraph graph(
      @QueryParam("type") @DefaultValue("dataset") String type,
      @QueryParam("namespace") String namespace,
      @QueryParam("name") String name,
      @QueryParam("depth") @DefaultValue("3") int depth,
      @QueryParam("direction") @DefaultValue("both") String direction) {
    if (namespace == null || namespace.isBlank() || name == null || name.isBlank()) {
      throw new BadRequestException("Query parameters namespace and name are required");
    }
    LineageNode root = switch (type) {
      case "dataset" -> LineageNode.dataset(namespace, name);
      case "job" -> LineageNode.job(namespace, name);
      default -> throw new BadRequestException("Invalid type '%s': expected dataset or job", type);
    };
    LineageService.Direction walk;
    try {
      walk = LineageService.Direction.valueOf(direction.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("Invalid direction '%s': expected upstream, downstream or both", direction);
    }
    return lineage.graph(Callers.from(token), root, depth, walk);
  }
}

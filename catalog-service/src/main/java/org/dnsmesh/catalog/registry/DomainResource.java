package org.dnsmesh.catalog.registry;

import org.dnsmesh.governance.policy.DomainName;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.apache.iceberg.exceptions.BadRequestException;
import org.dnsmesh.catalog.auth.Callers;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Registry API for domains. */
@Path("/api/v1/domains")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DomainResource {
  private final DomainService domains;
  private final JsonWebToken token;

  public DomainResource(DomainService domains, JsonWebToken token) {
    this.domains = domains;
    this.token = token;
  }

  /** Body of {@code POST /api/v1/domains}. */
  public record CreateDomainRequest(String name, String ownerTeam, String description) {}

  /** A domain as the API shows it. */
  public record DomainView(String name, String ownerTeam, String description, String warehouse, String createdAt) {
    static DomainView of(Domain domain) {
      return new DomainView(domain.name().value(), domain.ownerTeam(), domain.description(), domain.warehouse(),
          domain.createdAt().toString());
    }
  }

  @GET
  public List<DomainView> list() {
    return domains.list(Callers.from(token)).stream().map(DomainView::of).toList();
  }

  @GET
  @Path("{name}")
  public DomainView get(@PathParam("name") String name) {
    return DomainView.of(domains.get(Callers.from(token), DomainName.of(name)));
  }

  @POST
  public Response create(CreateDomainRequest request) {
    if (request == null || request.name() == null) {
      throw new BadRequestException("Body must name the domain: {\"name\": \"...\", \"ownerTeam\": \"...\", \"description\": \"...\"}");
    }
    Domain domain = domains.create(
        Callers.from(token),
        DomainName.of(request.name()),
        request.ownerTeam() == null ? "" : request.ownerTeam(),
        request.description() == null ? "" : request.description());
    return Response.created(URI.create("/api/v1/domains/" + domain.name())).entity(DomainView.of(domain)).build();
  }
}

package org.dnsmesh.catalog.lifecycle;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.dnsmesh.catalog.auth.Callers;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** {@code POST /api/v1/lifecycle/runs}: a lifecycle run of a table, appended to the audit log (201 with the entry). */
@Path("/api/v1/lifecycle/runs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class LifecycleRunResource {
  private final LifecycleRunLog log;
  private final JsonWebToken token;

  public LifecycleRunResource(LifecycleRunLog log, JsonWebToken token) {
    this.log = log;
    this.token = token;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response record(LifecycleRunRequest request) {
    return Response.status(201).entity(log.record(Callers.from(token), request)).build();
  }
}

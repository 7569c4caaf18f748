package org.dnsmesh.catalog.governance;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
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
import org.dnsmesh.catalog.auth.Callers;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Access-policy change review API: propose (the new policy YAML as body), list, show, approve, reject, and
 * publish (retry applying an approved change). {@code /api/v1/changes/{id}} and its approve/reject also
 * accept a policy change's id.
 */
@Path("/api/v1/policy/changes")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PolicyChangeResource {
  private final PolicyChangeWorkflow workflow;
  private final JsonWebToken token;

  public PolicyChangeResource(PolicyChangeWorkflow workflow, JsonWebToken token) {
    this.workflow = workflow;
    this.token = token;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response propose(String document) {
    return Response.status(201).entity(workflow.propose(Callers.from(token), document)).build();
  }

  @GET
  public List<PolicyChangeView> list(@QueryParam("state") String state) {
    return workflow.list(Callers.from(token), Optional.ofNullable(state).filter(s -> !s.isBlank()));
  }

  @GET
  @Path("{id}")
  public PolicyChangeView get(@PathParam("id") String id) {
    return workflow.get(Callers.from(token), id);
  }

  @POST
  @Path("{id}/approve")
  @Consumes(MediaType.APPLICATION_JSON)
  public PolicyChangeView approve(@PathParam("id") String id, ChangeResource.Comment comment) {
    return workflow.approve(Callers.from(token), id, ChangeResource.Comment.text(comment));
  }

  @POST
  @Path("{id}/reject")
  @Consumes(MediaType.APPLICATION_JSON)
  public PolicyChangeView reject(@PathParam("id") String id, ChangeResource.Comment comment) {
    return workflow.reject(Callers.from(token), id, ChangeResource.Comment.text(comment));
  }

  @POST
  @Path("{id}/publish")
  public PolicyChangeView publish(@PathParam("id") String id) {
    return workflow.publish(Callers.from(token), id);
  }
}

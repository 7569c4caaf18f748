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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Access requests: ask to read a product for a while, list and show requests, approve or reject them (stewards
 * of the product's domain, never the requester), retry applying an approved one. {@code /api/v1/changes/{id}}
 * and its approve/reject accept an access request's id too.
 */
@Path("/api/v1/access-requests")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access requests", description = "Time-boxed read access to a data product, reviewed by its domain's stewards")
public class AccessRequestResource {
  private final AccessRequestWorkflow workflow;
  private final JsonWebToken token;

  public AccessRequestResource(AccessRequestWorkflow workflow, JsonWebToken token) {
    this.workflow = workflow;
    this.token = token;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Ask to read a product", description = "Body {\"domain\", \"product\", \"purpose\", \"duration\"}: duration is"
      + " ISO-8601 (P30D, PT12H), at most mesh.governance.access.max-term (90 days). Anyone who may list the product's domain"
      + " may ask; checks run at once and the request goes to the domain's stewards.")
  @APIResponse(responseCode = "201", description = "Submitted for review")
  @APIResponse(responseCode = "400", description = "A field is missing or invalid (the message names it), e.g. a term too long")
  @APIResponse(responseCode = "403", description = "The caller may not list the product's domain")
  @APIResponse(responseCode = "404", description = "No such product")
  @APIResponse(responseCode = "409", description = "The caller already has an open request for this product")
  public Response request(AccessRequestWorkflow.NewRequest body) {
    return Response.status(201).entity(workflow.request(Callers.from(token), body)).build();
  }

  @GET
  @Operation(summary = "Access requests the caller may see", description = "Requesters see their own; stewards those of their"
      + " domain's products; governance all.")
  public List<AccessRequestView> list(
      @Parameter(description = "DRAFT, SUBMITTED, APPROVED, REJECTED or PUBLISHED") @QueryParam("state") String state,
      @Parameter(description = "only requests for this domain's products") @QueryParam("domain") String domain) {
    return workflow.list(Callers.from(token), Optional.ofNullable(state).filter(s -> !s.isBlank()),
        Optional.ofNullable(domain).filter(s -> !s.isBlank()));
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One access request, with its grant once approved")
  @APIResponse(responseCode = "404", description = "No access request with this id")
  public AccessRequestView get(@PathParam("id") String id) {
    return workflow.get(Callers.from(token), id);
  }

  @POST
  @Path("{id}/approve")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Approve: the grant is made at once, until approval + the term",
      description = "Only a steward of the product's domain, never the requester.")
  @APIResponse(responseCode = "403", description = "The caller may not review this request (the message says why)")
  @APIResponse(responseCode = "409", description = "The request is not SUBMITTED, or the caller reviewed it already")
  public AccessRequestView approve(@PathParam("id") String id, ChangeResource.Comment comment) {
    return workflow.approve(Callers.from(token), id, ChangeResource.Comment.text(comment));
  }

  @POST
  @Path("{id}/reject")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Reject, with a comment")
  @APIResponse(responseCode = "400", description = "No comment")
  @APIResponse(responseCode = "403", description = "The caller may not review this request")
  public AccessRequestView reject(@PathParam("id") String id, ChangeResource.Comment comment) {
    return workflow.reject(Callers.from(token), id, ChangeResource.Comment.text(comment));
  }

  @POST
  @Path("{id}/publish")
  @Operation(summary = "Retry making the grant of an approved request whose grant failed")
  public AccessRequestView publish(@PathParam("id") String id) {
    return workflow.publish(Callers.from(token), id);
  }
}

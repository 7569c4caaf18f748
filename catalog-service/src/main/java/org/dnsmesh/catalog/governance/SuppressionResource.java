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
 * Detection suppressions: propose one (time-boxed, by event time), list and show them, approve or reject them
 * (stewards of the security domain, never the proposer), retry publishing an approved one, revoke one in force. {@code /api/v1/changes/{id}}
 * and its approve/reject accept a suppression's id too.
 */
@Path("/api/v1/suppressions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Suppressions", description = "Time-boxed suppressions of security findings, reviewed by the security domain's stewards")
public class SuppressionResource {
  private final SuppressionWorkflow workflow;
  private final JsonWebToken token;
  private final SuppressionRevocation revocation;

  public SuppressionResource(SuppressionWorkflow workflow, JsonWebToken token, SuppressionRevocation revocation) {
    this.workflow = workflow;
    this.token = token;
    this.revocation = revocation;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Propose a suppression", description = "Body {\"rule\" (a detection rule, or \"*\" / absent for any),"
      + " \"caseKey\" (domain:<domain> or account:<account>), \"from\", \"until\" (ISO-8601 instants, until after from, at"
      + " most 30 days), \"reason\"}. Findings whose event time is in [from, until) are still recorded on the detections"
      + " topic with the suppression's id, but not alerted. Whoever may see the security findings may propose; a steward"
      + " of the security domain other than the proposer approves.")
  @APIResponse(responseCode = "201", description = "Submitted for review")
  @APIResponse(responseCode = "400", description = "A field is missing or invalid (the message names it): unknown rule,"
      + " until not after from, a window over 30 days, a case key of the wrong scope")
  @APIResponse(responseCode = "403", description = "The caller may not see the security findings")
  @APIResponse(responseCode = "413", description = "The body is larger than the service accepts")
  public Response propose(SuppressionWorkflow.NewSuppression body) {
    return Response.status(201).entity(workflow.propose(Callers.from(token), body)).build();
  }

  @GET
  @Operation(summary = "Suppressions the caller may see, newest first")
  public List<SuppressionView> list(
      @Parameter(description = "DRAFT, SUBMITTED, APPROVED, REJECTED, PUBLISHED or REVOKED") @QueryParam("state") String state,
      @Parameter(description = "only those in force now (published, until not passed)") @QueryParam("active") boolean active) {
    return workflow.list(Callers.from(token), Optional.ofNullable(state).filter(s -> !s.isBlank()), active);
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One suppression")
  @APIResponse(responseCode = "404", description = "No suppression with this id")
  public SuppressionView get(@PathParam("id") String id) {
    return workflow.get(Callers.from(token), id);
  }

  @POST
  @Path("{id}/approve")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Approve: the suppression goes on the topic the detection topology reads, at once",
      description = "Only a steward of the security domain, never the proposer.")
  @APIResponse(responseCode = "403", description = "The caller may not review this suppression (the message says why)")
  @APIResponse(responseCode = "409", description = "The suppression is not SUBMITTED, or the caller reviewed it already")
  public SuppressionView approve(@PathParam("id") String id, ChangeResource.Comment comment) {
    return workflow.approve(Callers.from(token), id, ChangeResource.Comment.text(comment));
  }

  @POST
  @Path("{id}/reject")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Reject, with a comment")
  @APIResponse(responseCode = "400", description = "No comment")
  @APIResponse(responseCode = "403", description = "The caller may not review this suppression")
  public SuppressionView reject(@PathParam("id") String id, ChangeResource.Comment comment) {
    return workflow.reject(Callers.from(token), id, ChangeResource.Comment.text(comment));
  }

  @POST
  @Path("{id}/revoke")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Revoke an approved suppression from now on", description = "Body {\"reason\"}. Its proposer or a"
      + " steward of the security domain, alone: revoking only narrows an exception back to normal detection coverage,"
      + " so it needs no second reviewer. The revocation goes on the topic first (the record with revokedAt), then the"
      + " suppression becomes REVOKED and the step is audited. Findings whose event time is at or after revokedAt are"
      + " alerted again; those before it stay suppressed, live and in any replay ([from, min(until, revokedAt))).")
  @APIResponse(responseCode = "200", description = "Revoked (state REVOKED, revokedAt set)")
  @APIResponse(responseCode = "400", description = "No reason, or an id that is not a UUID")
  @APIResponse(responseCode = "403", description = "The caller is neither the proposer nor a steward of the security domain")
  @APIResponse(responseCode = "404", description = "No suppression with this id")
  @APIResponse(responseCode = "409", description = "Not approved (SUBMITTED, REJECTED, DRAFT), revoked already, or its"
      + " window ended already (nothing left to revoke)")
  @APIResponse(responseCode = "503", description = "The revocation could not be written to the topic; nothing changed, retry")
  public SuppressionView revoke(@PathParam("id") String id, SuppressionRevocation.Revocation body) {
    return revocation.revoke(Callers.from(token), id, body);
  }

  @POST
  @Path("{id}/publish")
  @Operation(summary = "Retry putting an approved suppression on the topic (when Kafka was unreachable at approval)")
  public SuppressionView publish(@PathParam("id") String id) {
    return workflow.publish(Callers.from(token), id);
  }
}

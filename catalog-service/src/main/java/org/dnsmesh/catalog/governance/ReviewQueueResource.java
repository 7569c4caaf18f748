package org.dnsmesh.catalog.governance;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.dnsmesh.catalog.auth.Callers;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The review queue of the web UI: changes of every kind the caller may see, and one change's audit trail. */
@Path("/api/v1/review-queue")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Review queue", description = "Contract changes, policy changes and access requests in one list")
public class ReviewQueueResource {
  private final ReviewQueue queue;
  private final JsonWebToken token;

  public ReviewQueueResource(ReviewQueue queue, JsonWebToken token) {
    this.queue = queue;
    this.token = token;
  }

  @GET
  @Operation(summary = "Changes of every kind the caller may see, newest first",
      description = "Approve or reject them through /api/v1/changes/{id}/approve|reject, whatever their kind.")
  public List<ReviewQueue.Item> list(
      @Parameter(description = "DRAFT, SUBMITTED (the open ones), APPROVED, REJECTED or PUBLISHED; all when absent")
      @QueryParam("state") String state) {
    return queue.list(Callers.from(token), Optional.ofNullable(state).filter(s -> !s.isBlank()));
  }

  @GET
  @Path("{id}/audit")
  @Operation(summary = "The audit trail of one change (hash-chained entries), for whoever may see the change")
  @APIResponse(responseCode = "403", description = "The caller may not see this change")
  @APIResponse(responseCode = "404", description = "No change with this id")
  public List<ReviewQueue.TrailEntry> trail(@PathParam("id") String id) {
    return queue.trail(Callers.from(token), id);
  }
}

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
import org.dnsmesh.governance.workflow.ChangeKind;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Contract-change review API: propose (ODCS YAML body), list, show, diff, approve, reject, resubmit and
 * publish (retry). Every call needs a token; what the caller may do is decided by the access policy and the
 * review rules.
 */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ChangeResource {
  private final ChangeWorkflow workflow;
  private final PolicyChangeWorkflow policyChanges;
  private final AccessRequestWorkflow accessRequests;
  private final SuppressionWorkflow suppressions;
  private final GovernanceChanges changes;
  private final JsonWebToken token;

  public ChangeResource(ChangeWorkflow workflow, PolicyChangeWorkflow policyChanges, AccessRequestWorkflow accessRequests,
      SuppressionWorkflow suppressions, GovernanceChanges changes, JsonWebToken token) {
    this.workflow = workflow;
    this.policyChanges = policyChanges;
    this.accessRequests = accessRequests;
    this.suppressions = suppressions;
    this.changes = changes;
    this.token = token;
  }

  /**
   * A contract change, or the policy change, access request or suppression of that id (the one table knows its
   * kind), so one CLI and one queue serve every kind.
   */
  private Object byKind(String id, java.util.function.Supplier<Object> contract, java.util.function.Supplier<Object> policy,
      java.util.function.Supplier<Object> access, java.util.function.Supplier<Object> suppression) {
    return switch (changes.kindOf(id).orElse(ChangeKind.CONTRACT_VERSION)) {
      case CONTRACT_VERSION -> contract.get();
      case ACCESS_POLICY -> policy.get();
      case ACCESS_REQUEST -> access.get();
      case SUPPRESSION -> suppression.get();
    };
  }

  /** A review comment (required to reject). */
  public record Comment(String comment) {
    /** The comment of a body that may be absent (no body = no comment). */
    static String text(Comment body) {
      return body == null ? "" : body.comment();
    }
  }

  /** Proposes the body (an ODCS v3.1 YAML contract) as the product's next version and submits it for review. */
  @POST
  @Path("products/{domain}/{name}/changes")
  @Consumes(MediaType.WILDCARD)
  public Response propose(@PathParam("domain") String domain, @PathParam("name") String name, String document) {
    ChangeView change = workflow.propose(Callers.from(token), domain, name, document);
    return Response.status(201).entity(change).build();
  }

  @GET
  @Path("changes")
  public List<ChangeView> list(@QueryParam("domain") String domain, @QueryParam("product") String product,
      @QueryParam("state") String state) {
    return workflow.list(Callers.from(token), Optional.ofNullable(domain).filter(s -> !s.isBlank()),
        Optional.ofNullable(product).filter(s -> !s.isBlank()), Optional.ofNullable(state).filter(s -> !s.isBlank()));
  }

  @GET
  @Path("changes/{id}")
  public Object get(@PathParam("id") String id) {
    return byKind(id, () -> workflow.get(Callers.from(token), id), () -> policyChanges.get(Callers.from(token), id),
        () -> accessRequests.get(Callers.from(token), id), () -> suppressions.get(Callers.from(token), id));
  }

  @GET
  @Path("changes/{id}/diff")
  public DiffView diff(@PathParam("id") String id) {
    return workflow.diff(Callers.from(token), id);
  }

  @POST
  @Path("changes/{id}/approve")
  @Consumes(MediaType.APPLICATION_JSON)
  public Object approve(@PathParam("id") String id, Comment comment) {
    String text = Comment.text(comment);
    return byKind(id, () -> workflow.approve(Callers.from(token), id, text),
        () -> policyChanges.approve(Callers.from(token), id, text), () -> accessRequests.approve(Callers.from(token), id, text),
        () -> suppressions.approve(Callers.from(token), id, text));
  }

  @POST
  @Path("changes/{id}/reject")
  @Consumes(MediaType.APPLICATION_JSON)
  public Object reject(@PathParam("id") String id, Comment comment) {
    String text = Comment.text(comment);
    return byKind(id, () -> workflow.reject(Callers.from(token), id, text),
        () -> policyChanges.reject(Callers.from(token), id, text), () -> accessRequests.reject(Callers.from(token), id, text),
        () -> suppressions.reject(Callers.from(token), id, text));
  }

  /** A rejected change revised: the body is the new ODCS YAML of the same version; checks run again. */
  @POST
  @Path("changes/{id}/resubmit")
  @Consumes(MediaType.WILDCARD)
  public ChangeView resubmit(@PathParam("id") String id, String document) {
    return workflow.resubmit(Callers.from(token), id, document);
  }

  /** Retries publication of an approved change whose publication failed. */
  @POST
  @Path("changes/{id}/publish")
  public ChangeView publish(@PathParam("id") String id) {
    return workflow.publish(Callers.from(token), id);
  }
}

package org.dnsmesh.catalog.governance;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.dnsmesh.catalog.auth.Callers;
import org.dnsmesh.governance.audit.AuditEntry;
import org.dnsmesh.governance.audit.AuditVerification;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The hash-chained governance audit log: entries oldest first, and a full verification (governance, admin). */
@Path("/api/v1/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  private final ChangeWorkflow workflow;
  private final JsonWebToken token;

  public AuditResource(ChangeWorkflow workflow, JsonWebToken token) {
    this.workflow = workflow;
    this.token = token;
  }

  @GET
  public List<AuditEntry> entries(@QueryParam("from") @DefaultValue("1") long from,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    return workflow.audit(Callers.from(token), from, limit);
  }

  /** Recomputes every hash and link: {@code intact}, entries checked and the problems (first broken entry first). */
  @GET
  @Path("verify")
  public AuditVerification verify() {
    return workflow.verifyAudit(Callers.from(token));
  }
}

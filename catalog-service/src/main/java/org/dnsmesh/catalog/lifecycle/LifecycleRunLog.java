package org.dnsmesh.catalog.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.dnsmesh.catalog.auth.Authorizer;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.catalog.auth.CatalogResource;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.catalog.governance.GovernanceContext;
import org.dnsmesh.governance.audit.AuditEntry;

/**
 * Appends lifecycle runs (retention, snapshot expiry, orphan removal) to the governance audit log, as they are:
 * the actor is the caller, the subject {@code table:<domain.schema.table>}, the action {@code lifecycle.run} or
 * {@code lifecycle.dry-run}. Only a caller that manages the table may record a run of it (the policy decides, as for
 * dropping it). Details are flat (strings, numbers, booleans) and few, so an entry stays small.
 */
@ApplicationScoped
public class LifecycleRunLog {
  private static final Pattern TABLE = Pattern.compile("([a-z][a-z0-9_]*)\\.([a-z][a-z0-9_]*)\\.([a-z][a-z0-9_]*)");
  private static final int MAX_DETAILS = 32;

  private final Authorizer authorizer;
  private final GovernanceContext context;

  public LifecycleRunLog(Authorizer authorizer, GovernanceContext context) {
    this.authorizer = authorizer;
    this.context = context;
  }

  public AuditEntry record(Caller caller, LifecycleRunRequest request) {
    if (request == null || request.table() == null) {
      throw new BadRequestException("table is required (domain.schema.table)");
    }
    var table = TABLE.matcher(request.table());
    if (!table.matches()) {
      throw new BadRequestException("Invalid table '" + request.table() + "': expected domain.schema.table");
    }
    authorizer.authorizeOrThrow(caller, Operation.RECORD_LIFECYCLE_RUN,
        CatalogResource.object(table.group(1), List.of(table.group(2)), table.group(3)));
    UUID runId;
    try {
      runId = UUID.fromString(String.valueOf(request.runId()));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("Invalid runId '" + request.runId() + "': expected a UUID");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    Map<String, Object> given = request.details() == null ? Map.of() : request.details();
    if (given.size() > MAX_DETAILS) {
      throw new BadRequestException("At most " + MAX_DETAILS + " details, got " + given.size());
    }
    given.forEach((key, value) -> {
      if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
        throw new BadRequestException("Detail '" + key + "' must be a string, number or boolean");
      }
      details.put(key, value);
    });
    details.put("runId", runId.toString());
    boolean dryRun = Boolean.TRUE.equals(given.get("dryRun"));
    String action = dryRun ? "lifecycle.dry-run" : "lifecycle.run";
    return context.store().inTransaction(tx -> tx.audit().append(caller.subject(), action,
        "table:" + request.table(), details));
  }
}

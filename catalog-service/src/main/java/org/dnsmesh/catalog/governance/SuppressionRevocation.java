package org.dnsmesh.catalog.governance;

import static org.dnsmesh.catalog.governance.GovernanceChanges.changeId;
import static org.dnsmesh.catalog.governance.GovernanceChanges.name;
import static org.dnsmesh.catalog.governance.GovernanceChanges.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.iceberg.exceptions.BadRequestException;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.governance.workflow.ChangeKind;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.ChangeRequestId;
import org.dnsmesh.governance.workflow.ChangeRequestService;
import org.dnsmesh.governance.workflow.Suppression;
import org.dnsmesh.governance.workflow.WorkflowException;

/**
 * Ends an approved suppression now ({@code POST /api/v1/suppressions/{id}/revoke}): its proposer or a steward of the
 * domain, alone — revoking only narrows an exception back to normal detection coverage, so four eyes guard the
 * widening (approval), not the narrowing (see {@link ChangeRequestService#revoke}). {@link SuppressionPublisher#revoke}
 * writes the record again with {@code revokedAt} before the machine stores REVOKED; findings whose event time is at or
 * after it are alerted again, those before it stay suppressed, live and in any replay. Its own class beside
 * {@link SuppressionWorkflow} (propose/review), so the two evolve apart.
 */
@ApplicationScoped
public class SuppressionRevocation {
  private final GovernanceChanges changes;
  private final ObjectMapper json;

  public SuppressionRevocation(GovernanceChanges changes, ObjectMapper json) {
    this.changes = changes;
    this.json = json;
  }

  /** What a revoker sends. */
  public record Revocation(String reason) {}

  public SuppressionView revoke(Caller caller, String id, Revocation body) {
    ChangeRequestId changeId = changeId(id);
    if (body == null || body.reason() == null || body.reason().isBlank()) {
      throw new BadRequestException("Invalid revocation: /reason is required (body {\"reason\": \"...\"})");
    }
    if (body.reason().strip().length() > Suppression.MAX_REASON) {
      throw new BadRequestException("Invalid revocation: /reason has %d characters, at most %d are allowed",
          body.reason().strip().length(), Suppression.MAX_REASON);
    }
    return translate(() -> {
      // the suppression endpoints act on suppressions only: another kind's id is 404 here, before anything happens
      if (changes.service().kindOf(changeId).filter(kind -> kind == ChangeKind.SUPPRESSION).isEmpty()) {
        throw new WorkflowException(WorkflowException.Reason.NOT_FOUND, "no suppression " + changeId);
      }
      ChangeRequest revoked = changes.service().revoke(name(caller), changeId, body.reason());
      return SuppressionView.of(revoked, changes.context().rules(), facts(revoked.facts()),
          changes.context().clock().instant(), null);
    });
  }

  private Map<String, Object> facts(String facts) {
    try {
      return json.readValue(facts, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }
}

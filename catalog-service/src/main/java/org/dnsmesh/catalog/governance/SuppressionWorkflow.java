package org.dnsmesh.catalog.governance;

import static org.dnsmesh.catalog.governance.GovernanceChanges.changeId;
import static org.dnsmesh.catalog.governance.GovernanceChanges.name;
import static org.dnsmesh.catalog.governance.GovernanceChanges.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.Role;
import org.dnsmesh.governance.workflow.ChangeKind;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.ChangeRequestId;
import org.dnsmesh.governance.workflow.ChangeRequestService;
import org.dnsmesh.governance.workflow.ChangeState;
import org.dnsmesh.governance.workflow.ChangeSubject;
import org.dnsmesh.governance.workflow.CheckResult;
import org.dnsmesh.governance.workflow.ProductRef;
import org.dnsmesh.governance.workflow.ProposeChange;
import org.dnsmesh.governance.workflow.Suppression;
import org.dnsmesh.governance.workflow.WorkflowException;

/**
 * Detection suppressions over HTTP, a thin adapter over governance's one change-request machine (kind
 * {@link ChangeKind#SUPPRESSION}), built like {@link AccessRequestWorkflow}: whoever may see the security findings
 * ({@code mesh.governance.suppressions.product}) proposes a suppression (rule or any, case key, event-time window of
 * at most 30 days, reason); every field is checked here at once and a bad one is a 400 naming it. The machine
 * applies the review rules (a steward of the domain, never the proposer), audits, sends the events, and on approval
 * hands the suppression to {@link SuppressionPublisher}, which puts it on the topic the detection topology reads.
 */
@ApplicationScoped
public class SuppressionWorkflow {
  private final GovernanceChanges changes;
  private final ObjectMapper json;
  private final ProductRef subject;
  private final Map<String, String> rules;

  public SuppressionWorkflow(GovernanceChanges changes, GovernanceConfig config, ObjectMapper json) {
    this.changes = changes;
    this.json = json;
    this.subject = ProductRef.parse(config.suppressions().product());
    this.rules = rules(config.suppressions().rules());
  }

  /** What a proposer sends; {@code rule} absent or {@code "*"} = any rule. */
  public record NewSuppression(String rule, String caseKey, String from, String until, String reason) {}

  public SuppressionView propose(Caller caller, NewSuppression body) {
    if (body == null) {
      throw new BadRequestException("Invalid suppression: the body must be {\"rule\", \"caseKey\", \"from\", \"until\","
          + " \"reason\"}");
    }
    ChangeRequestService service = changes.service();
    PrincipalName proposer = name(caller);
    translate(() -> {
      service.checkMayPropose(proposer, ChangeKind.SUPPRESSION, ChangeSubject.of(subject));
      return null;
    });
    Suppression suppression = translate(() -> Suppression.parse(body.rule(), body.caseKey(), body.from(), body.until(),
        body.reason(), rules));
    AccessPolicy policy = changes.context().policy();
    List<String> reviewers = policy.principals().stream()
        .filter(p -> p.hasRoleInDomain(Role.STEWARD, subject.domain()) && !p.name().equals(proposer))
        .map(p -> p.name().value()).toList();
    List<ChangeRequest> overlapping = service.list(proposer, Optional.of(ChangeKind.SUPPRESSION),
            Optional.of(ChangeSubject.of(subject)), Optional.empty()).stream()
        .filter(c -> c.state() == ChangeState.SUBMITTED || c.state() == ChangeState.PUBLISHED)
        .filter(c -> overlaps(Suppression.of(c), suppression)).toList();
    List<CheckResult> checks = new ArrayList<>();
    checks.add(new CheckResult("window", CheckResult.CheckStatus.PASSED, SuppressionView.describe(suppression)
        + " (at most 30 days; by event time, so it ends by itself at " + suppression.until() + ")"));
    checks.add(suppression.expired(changes.context().clock().instant())
        ? new CheckResult("in-the-past", CheckResult.CheckStatus.WARNING, "the window ended already: it only changes what a"
            + " replay of those events alerts")
        : new CheckResult("in-the-past", CheckResult.CheckStatus.PASSED, "the window has not ended"));
    checks.add(new CheckResult("overlap", overlapping.isEmpty() ? CheckResult.CheckStatus.PASSED : CheckResult.CheckStatus.WARNING,
        overlapping.isEmpty() ? "no other open or published suppression covers these findings"
            : "overlaps " + overlapping.stream().map(c -> c.id() + " (" + c.state() + ")").toList()));
    checks.add(new CheckResult("reviewers", reviewers.isEmpty() ? CheckResult.CheckStatus.WARNING : CheckResult.CheckStatus.PASSED,
        reviewers.isEmpty() ? "no steward of domain " + subject.domain() + " besides the proposer: nobody can approve it"
            : "stewards of domain " + subject.domain() + " may approve: " + String.join(", ", reviewers)));
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("reviewers", reviewers);
    facts.put("overlapping", overlapping.stream().map(c -> c.id().toString()).toList());
    ProposeChange proposal = ProposeChange.suppression(subject, suppression, write(facts), checks);
    return translate(() -> view(service.proposeAndSubmit(proposer, proposal), null));
  }

  public SuppressionView get(Caller caller, String id) {
    return translate(() -> view(suppression(changes.service().get(name(caller), changeId(id))), null));
  }

  /** The suppressions the caller may see, newest first; {@code active} = published and not yet ended. */
  public List<SuppressionView> list(Caller caller, Optional<String> state, boolean activeOnly) {
    Optional<ChangeState> wanted = state.map(s -> {
      try {
        return ChangeState.valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException("Invalid state '%s': expected one of %s", s, List.of(ChangeState.values()));
      }
    });
    return translate(() -> changes.service().list(name(caller), Optional.of(ChangeKind.SUPPRESSION), Optional.empty(), wanted)
        .stream().map(c -> view(c, null)).filter(v -> !activeOnly || v.active()).toList());
  }

  public SuppressionView approve(Caller caller, String id, String comment) {
    ChangeRequestId changeId = changeId(id);
    return translate(() -> {
      requireSuppression(changeId);
      return view(changes.service().approve(name(caller), changeId, comment == null ? "" : comment));
    });
  }

  public SuppressionView reject(Caller caller, String id, String comment) {
    ChangeRequestId changeId = changeId(id);
    if (comment == null || comment.isBlank()) {
      throw new BadRequestException("A rejection needs a comment (body {\"comment\": \"...\"})");
    }
    return translate(() -> {
      requireSuppression(changeId);
      return view(changes.service().reject(name(caller), changeId, comment), null);
    });
  }

  /** Retries putting an approved suppression on the topic (a steward of the domain). */
  public SuppressionView publish(Caller caller, String id) {
    ChangeRequestId changeId = changeId(id);
    return translate(() -> {
      requireSuppression(changeId);
      return view(changes.service().publish(name(caller), changeId));
    });
  }

  /** {@code RULE:scope} entries of {@code mesh.governance.suppressions.rules}; a malformed entry stops the start. */
  static Map<String, String> rules(List<String> entries) {
    Map<String, String> rules = new LinkedHashMap<>();
    for (String entry : entries) {
      String[] parts = entry.strip().split(":");
      if (parts.length != 2 || !Suppression.isRuleName(parts[0]) || !List.of("domain", "account").contains(parts[1])) {
        throw new IllegalArgumentException("mesh.governance.suppressions.rules: '" + entry
            + "' is not RULE:domain or RULE:account");
      }
      rules.put(parts[0], parts[1]);
    }
    return Map.copyOf(rules);
  }

  private static boolean overlaps(Suppression a, Suppression b) {
    return a.caseKey().equals(b.caseKey()) && (a.rule().isEmpty() || b.rule().isEmpty() || a.rule().equals(b.rule()))
        && a.from().isBefore(b.until()) && b.from().isBefore(a.until());
  }

  /** The suppression endpoints act on suppressions only: another kind's id is 404 here, before anything happens. */
  private void requireSuppression(ChangeRequestId id) {
    if (changes.service().kindOf(id).filter(kind -> kind == ChangeKind.SUPPRESSION).isEmpty()) {
      throw new WorkflowException(WorkflowException.Reason.NOT_FOUND, "no suppression " + id);
    }
  }

  private static ChangeRequest suppression(ChangeRequest change) {
    if (change.kind() != ChangeKind.SUPPRESSION) {
      throw new NotFoundException("No suppression %s", change.id());
    }
    return change;
  }

  private SuppressionView view(ChangeRequestService.Reviewed reviewed) {
    SuppressionView.Application application = reviewed.publication()
        .map(p -> new SuppressionView.Application(p.published(), p.detail())).orElse(null);
    return view(suppression(reviewed.change()), application);
  }

  private SuppressionView view(ChangeRequest change, SuppressionView.Application application) {
    return SuppressionView.of(change, changes.context().rules(), read(change.facts()), changes.context().clock().instant(),
        application);
  }

  private Map<String, Object> read(String facts) {
    try {
      return json.readValue(facts, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  private String write(Map<String, Object> facts) {
    try {
      return json.writeValueAsString(facts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

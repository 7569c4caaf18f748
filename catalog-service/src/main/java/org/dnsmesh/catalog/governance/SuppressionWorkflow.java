package org.dnsmesh.catalog.governance;

import static org.dnsmesh.catalog.governance.GovernanceChanges.name;
import static org.dnsmesh.catalog.governance.GovernanceChanges.translate;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.exceptions.BadRequestException;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.workflow.ChangeKind;
import org.dnsmesh.governance.workflow.ChangePublisher;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.ChangeState;
import org.dnsmesh.governance.workflow.ChangeSubject;
import org.dnsmesh.governance.workflow.CheckResult;
import org.dnsmesh.governance.workflow.ProductRef;
import org.dnsmesh.governance.workflow.ProposeChange;
import org.dnsmesh.governance.workflow.Suppression;

/**
 * Detection suppressions over HTTP, a {@link ReviewedKind} of governance's one change-request machine (kind
 * {@link ChangeKind#SUPPRESSION}): whoever may see the security findings ({@code mesh.governance.suppressions.product})
 * proposes a suppression (rule or any, case key, event-time window of at most 30 days, reason); every field is checked
 * here at once and a bad one is a 400 naming it. The machine applies the review rules (a steward of the domain, never
 * the proposer), audits, sends the events, and on approval hands the suppression to {@link SuppressionPublisher},
 * which puts it on the topic the detection topology reads.
 */
@ApplicationScoped
public class SuppressionWorkflow extends ReviewedKind<SuppressionView> {
  private final ProductRef subject;
  private final Map<String, String> rules;

  public SuppressionWorkflow(GovernanceChanges changes, GovernanceConfig config, ObjectMapper json) {
    super(ChangeKind.SUPPRESSION, "suppression", changes, json);
    this.subject = ProductRef.parse(config.suppressions().product());
    this.rules = Suppression.knownRules(config.suppressions().rules());
  }

  /** What a proposer sends; {@code rule} absent or {@code "*"} = any rule. */
  public record NewSuppression(String rule, String caseKey, String from, String until, String reason) {}

  public SuppressionView propose(Caller caller, NewSuppression body) {
    if (body == null) {
      throw new BadRequestException("Invalid suppression: the body must be {\"rule\", \"caseKey\", \"from\", \"until\","
          + " \"reason\"}");
    }
    PrincipalName proposer = name(caller);
    checkMayPropose(proposer, ChangeSubject.of(subject));
    Suppression suppression = translate(() -> Suppression.parse(body.rule(), body.caseKey(), body.from(), body.until(),
        body.reason(), rules));
    List<String> reviewers = stewardsBesides(subject.domain(), proposer);
    List<ChangeRequest> overlapping = changes().service().list(proposer, Optional.of(ChangeKind.SUPPRESSION),
            Optional.of(ChangeSubject.of(subject)), Optional.empty()).stream()
        .filter(c -> c.state() == ChangeState.SUBMITTED || c.state() == ChangeState.PUBLISHED)
        .filter(c -> overlaps(Suppression.of(c), suppression)).toList();
    List<CheckResult> checks = new ArrayList<>();
    checks.add(new CheckResult("window", CheckResult.CheckStatus.PASSED, SuppressionView.describe(suppression)
        + " (at most 30 days; by event time, so it ends by itself at " + suppression.until() + ")"));
    checks.add(suppression.expired(changes().context().clock().instant())
        ? new CheckResult("in-the-past", CheckResult.CheckStatus.WARNING, "the window ended already: it only changes what a"
            + " replay of those events alerts")
        : new CheckResult("in-the-past", CheckResult.CheckStatus.PASSED, "the window has not ended"));
    checks.add(new CheckResult("overlap", overlapping.isEmpty() ? CheckResult.CheckStatus.PASSED : CheckResult.CheckStatus.WARNING,
        overlapping.isEmpty() ? "no other open or published suppression covers these findings"
            : "overlaps " + overlapping.stream().map(c -> c.id() + " (" + c.state() + ")").toList()));
    checks.add(reviewersCheck(subject.domain(), reviewers, "proposer"));
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("reviewers", reviewers);
    facts.put("overlapping", overlapping.stream().map(c -> c.id().toString()).toList());
    return submit(proposer, ProposeChange.suppression(subject, suppression, writeFacts(facts), checks));
  }

  /** The suppressions the caller may see, newest first; {@code active} = published and not yet ended. */
  public List<SuppressionView> list(Caller caller, Optional<String> state, boolean activeOnly) {
    return list(caller, state, c -> true).stream().filter(v -> !activeOnly || v.active()).toList();
  }

  private static boolean overlaps(Suppression a, Suppression b) {
    return a.caseKey().equals(b.caseKey()) && (a.rule().isEmpty() || b.rule().isEmpty() || a.rule().equals(b.rule()))
        && a.from().isBefore(b.until()) && b.from().isBefore(a.until());
  }

  @Override
  protected SuppressionView view(ChangeRequest change, Optional<ChangePublisher.Publication> application) {
    return SuppressionView.of(change, changes().context().rules(), readFacts(change.facts()),
        changes().context().clock().instant(),
        application.map(p -> new SuppressionView.Application(p.published(), p.detail())).orElse(null));
  }
}

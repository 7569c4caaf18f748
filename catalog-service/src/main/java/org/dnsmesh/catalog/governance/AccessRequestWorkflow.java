package org.dnsmesh.catalog.governance;

import static org.dnsmesh.catalog.governance.GovernanceChanges.name;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.catalog.registry.Product;
import org.dnsmesh.catalog.registry.ProductRepository;
import org.dnsmesh.governance.decision.PolicyDecisionPoint;
import org.dnsmesh.governance.policy.DomainName;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.workflow.AccessGrant;
import org.dnsmesh.governance.workflow.AccessTerm;
import org.dnsmesh.governance.workflow.ChangeKind;
import org.dnsmesh.governance.workflow.ChangePublisher;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.ChangeState;
import org.dnsmesh.governance.workflow.ChangeSubject;
import org.dnsmesh.governance.workflow.CheckResult;
import org.dnsmesh.governance.workflow.ProductRef;
import org.dnsmesh.governance.workflow.ProposeChange;
import org.dnsmesh.governance.workflow.WorkflowException;

/**
 * Access requests over HTTP, a {@link ReviewedKind} of governance's one change-request machine (kind
 * {@link ChangeKind#ACCESS_REQUEST}): a principal who may list a product's domain asks to read the product for a
 * bounded term ({@code mesh.governance.access.max-term}) and a purpose; checks run here at once (the product is
 * registered, the term, what the requester reads today, who may approve). The machine applies the review rules
 * (a steward of the product's domain, never the requester), audits, sends the events, and on approval hands the
 * request to {@link AccessGrantPublisher}, which makes the time-boxed grant.
 */
@ApplicationScoped
public class AccessRequestWorkflow extends ReviewedKind<AccessRequestView> {
  static final int MAX_PURPOSE = 2000;

  private final ProductRepository products;
  private final PolicyDecisionPoint decisions;
  private final GovernanceConfig config;

  public AccessRequestWorkflow(GovernanceChanges changes, ProductRepository products, PolicyDecisionPoint decisions,
      GovernanceConfig config, ObjectMapper json) {
    super(ChangeKind.ACCESS_REQUEST, "access request", changes, json);
    this.products = products;
    this.decisions = decisions;
    this.config = config;
  }

  /** What a requester sends. */
  public record NewRequest(String domain, String product, String purpose, String duration) {}

  public AccessRequestView request(Caller caller, NewRequest body) {
    if (body == null) {
      throw new BadRequestException("Invalid access request: the body must be {\"domain\", \"product\", \"purpose\", \"duration\"}");
    }
    String domain = required(body.domain(), "/domain");
    String productName = required(body.product(), "/product");
    ProductRef ref;
    try {
      ref = new ProductRef(DomainName.of(domain), productName);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("Invalid access request: /domain, /product: %s", e.getMessage());
    }
    PrincipalName requester = name(caller);
    checkMayPropose(requester, ChangeSubject.of(ref));
    Product product = products.find(domain, productName).orElseThrow(() -> new NotFoundException(
        "No such product: %s.%s (GET /api/v1/products lists the products you may see)", domain, productName));
    String purpose = required(body.purpose(), "/purpose").strip();
    if (purpose.length() > MAX_PURPOSE) {
      throw new BadRequestException("Invalid access request: /purpose has %d characters, at most %d are allowed",
          purpose.length(), MAX_PURPOSE);
    }
    AccessTerm term;
    try {
      term = AccessTerm.parse(required(body.duration(), "/duration"), config.access().maxTerm());
    } catch (WorkflowException e) {
      throw new BadRequestException("Invalid access request: /duration: %s", e.getMessage());
    }
    List<ChangeRequest> open = changes().service().list(requester, Optional.of(ChangeKind.ACCESS_REQUEST), Optional.of(ChangeSubject.of(ref)),
        Optional.of(ChangeState.SUBMITTED)).stream().filter(c -> c.author().equals(requester)).toList();
    if (!open.isEmpty()) {
      throw new ChangeConflictException("Access request " + open.getFirst().id() + " of " + requester + " for " + ref
          + " is still open: wait for its review");
    }
    List<String> reviewers = stewardsBesides(ref.domain(), requester);
    List<String> tables = product.outputPorts().stream().map(p -> domain + "." + p.namespace() + "." + p.table()).toList();
    List<String> readable = product.outputPorts().stream()
        .filter(p -> decisions.authorize(requester, Operation.READ_TABLE, ResourceRef.table(domain, p.namespace(), p.table())).allowed())
        .map(p -> domain + "." + p.namespace() + "." + p.table()).toList();
    List<CheckResult> checks = new ArrayList<>();
    checks.add(new CheckResult("product", CheckResult.CheckStatus.PASSED, ref + " is registered (owner team "
        + (product.ownerTeam().isBlank() ? "not named" : product.ownerTeam()) + "), " + tables.size() + " output table(s)"));
    checks.add(new CheckResult("term", CheckResult.CheckStatus.PASSED, AccessTerm.describe(term.duration())
        + ", at most " + AccessTerm.describe(config.access().maxTerm()) + "; revoked automatically at expiry"));
    checks.add(!tables.isEmpty() && readable.size() == tables.size()
        ? new CheckResult("current-access", CheckResult.CheckStatus.WARNING, requester + " already reads every output table of " + ref)
        : new CheckResult("current-access", CheckResult.CheckStatus.PASSED, requester + " reads " + readable.size() + " of "
            + tables.size() + " output table(s) of " + ref + " today"));
    checks.add(reviewersCheck(ref.domain(), reviewers, "requester"));
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("ownerTeam", product.ownerTeam());
    facts.put("ownerContact", product.ownerContact());
    facts.put("outputTables", tables);
    facts.put("readableToday", readable);
    facts.put("reviewers", reviewers);
    return submit(requester, ProposeChange.accessRequest(ref, term, purpose, writeFacts(facts), checks));
  }

  public List<AccessRequestView> list(Caller caller, Optional<String> state, Optional<String> domain) {
    return list(caller, state, c -> domain.isEmpty() || c.product().domain().value().equals(domain.get()));
  }

  @Override
  protected AccessRequestView view(ChangeRequest change, Optional<ChangePublisher.Publication> application) {
    Optional<AccessGrant> grant = change.state() == ChangeState.PUBLISHED || change.state() == ChangeState.APPROVED
        ? changes().context().store().<Optional<AccessGrant>>inTransaction(tx -> tx.grants().find(change.id()))
        : Optional.empty();
    return AccessRequestView.of(change, changes().context().rules(), grant, readFacts(change.facts()),
        changes().context().clock().instant(), application.map(p -> new AccessRequestView.Application(p.published(),
            p.detail(), p.rulesRegenerated(), p.rulesDetail())).orElse(null));
  }

  private static String required(String value, String pointer) {
    if (value == null || value.isBlank()) {
      throw new BadRequestException("Invalid access request: %s is required", pointer);
    }
    return value;
  }
}

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
import org.dnsmesh.catalog.registry.Product;
import org.dnsmesh.catalog.registry.ProductRepository;
import org.dnsmesh.governance.decision.PolicyDecisionPoint;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.DomainName;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.Principal;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.Role;
import org.dnsmesh.governance.workflow.AccessGrant;
import org.dnsmesh.governance.workflow.AccessTerm;
import org.dnsmesh.governance.workflow.ChangeKind;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.ChangeRequestId;
import org.dnsmesh.governance.workflow.ChangeRequestService;
import org.dnsmesh.governance.workflow.ChangeState;
import org.dnsmesh.governance.workflow.ChangeSubject;
import org.dnsmesh.governance.workflow.CheckResult;
import org.dnsmesh.governance.workflow.ProductRef;
import org.dnsmesh.governance.workflow.ProposeChange;
import org.dnsmesh.governance.workflow.WorkflowException;

/**
 * Access requests over HTTP, a thin adapter over governance's one change-request machine (kind
 * {@link ChangeKind#ACCESS_REQUEST}): a principal who may list a product's domain asks to read the product for a
 * bounded term ({@code mesh.governance.access.max-term}) and a purpose; checks run here at once (the product is
 * registered, the term, what the requester reads today, who may approve). The machine applies the review rules
 * (a steward of the product's domain, never the requester), audits, sends the events, and on approval hands the
 * request to {@link AccessGrantPublisher}, which makes the time-boxed grant.
 */
@ApplicationScoped
public class AccessRequestWorkflow {
  static final int MAX_PURPOSE = 2000;

  private final GovernanceChanges changes;
  private final ProductRepository products;
  private final PolicyDecisionPoint decisions;
  private final GovernanceConfig config;
  private final ObjectMapper json;

  public AccessRequestWorkflow(GovernanceChanges changes, ProductRepository products, PolicyDecisionPoint decisions,
      GovernanceConfig config, ObjectMapper json) {
    this.changes = changes;
    this.products = products;
    this.decisions = decisions;
    this.config = config;
    this.json = json;
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
    ChangeRequestService service = changes.service();
    PrincipalName requester = name(caller);
    translate(() -> {
      service.checkMayPropose(requester, ChangeKind.ACCESS_REQUEST, ChangeSubject.of(ref));
      return null;
    });
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
    List<ChangeRequest> open = service.list(requester, Optional.of(ChangeKind.ACCESS_REQUEST), Optional.of(ChangeSubject.of(ref)),
        Optional.of(ChangeState.SUBMITTED)).stream().filter(c -> c.author().equals(requester)).toList();
    if (!open.isEmpty()) {
      throw new ChangeConflictException("Access request " + open.getFirst().id() + " of " + requester + " for " + ref
          + " is still open: wait for its review");
    }
    AccessPolicy policy = changes.context().policy();
    List<String> reviewers = policy.principals().stream()
        .filter(p -> p.hasRoleInDomain(Role.STEWARD, ref.domain()) && !p.name().equals(requester))
        .map(p -> p.name().value()).toList();
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
    checks.add(new CheckResult("reviewers", reviewers.isEmpty() ? CheckResult.CheckStatus.WARNING : CheckResult.CheckStatus.PASSED,
        reviewers.isEmpty() ? "no steward of domain " + domain + " besides the requester: nobody can approve it"
            : "stewards of domain " + domain + " may approve: " + String.join(", ", reviewers)));
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("ownerTeam", product.ownerTeam());
    facts.put("ownerContact", product.ownerContact());
    facts.put("outputTables", tables);
    facts.put("readableToday", readable);
    facts.put("reviewers", reviewers);
    ProposeChange proposal = ProposeChange.accessRequest(ref, term, purpose, write(facts), checks);
    return translate(() -> view(service.proposeAndSubmit(requester, proposal), null));
  }

  public AccessRequestView get(Caller caller, String id) {
    return translate(() -> view(accessRequest(changes.service().get(name(caller), changeId(id))), null));
  }

  public List<AccessRequestView> list(Caller caller, Optional<String> state, Optional<String> domain) {
    Optional<ChangeState> wanted = state.map(s -> {
      try {
        return ChangeState.valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException("Invalid state '%s': expected one of %s", s, List.of(ChangeState.values()));
      }
    });
    return translate(() -> changes.service().list(name(caller), Optional.of(ChangeKind.ACCESS_REQUEST), Optional.empty(), wanted)
        .stream().filter(c -> domain.isEmpty() || c.product().domain().value().equals(domain.get()))
        .map(c -> view(c, null)).toList());
  }

  public AccessRequestView approve(Caller caller, String id, String comment) {
    ChangeRequestId changeId = changeId(id);
    return translate(() -> {
      requireAccessRequest(changeId);
      return view(changes.service().approve(name(caller), changeId, comment == null ? "" : comment));
    });
  }

  public AccessRequestView reject(Caller caller, String id, String comment) {
    ChangeRequestId changeId = changeId(id);
    if (comment == null || comment.isBlank()) {
      throw new BadRequestException("A rejection needs a comment (body {\"comment\": \"...\"})");
    }
    return translate(() -> {
      requireAccessRequest(changeId);
      return view(changes.service().reject(name(caller), changeId, comment), null);
    });
  }

  /** Retries applying an approved request whose grant could not be made (a steward of the domain). */
  public AccessRequestView publish(Caller caller, String id) {
    ChangeRequestId changeId = changeId(id);
    return translate(() -> {
      requireAccessRequest(changeId);
      return view(changes.service().publish(name(caller), changeId));
    });
  }

  /** The access endpoints act on access requests only: another kind's id is 404 here, before anything happens. */
  private void requireAccessRequest(ChangeRequestId id) {
    if (changes.service().kindOf(id).filter(kind -> kind == ChangeKind.ACCESS_REQUEST).isEmpty()) {
      throw new WorkflowException(WorkflowException.Reason.NOT_FOUND, "no access request " + id);
    }
  }

  private static ChangeRequest accessRequest(ChangeRequest change) {
    if (change.kind() != ChangeKind.ACCESS_REQUEST) {
      throw new NotFoundException("No access request %s", change.id());
    }
    return change;
  }

  private AccessRequestView view(ChangeRequestService.Reviewed reviewed) {
    AccessRequestView.Application application = reviewed.publication()
        .map(p -> new AccessRequestView.Application(p.published(), p.detail(), p.rulesRegenerated(), p.rulesDetail())).orElse(null);
    return view(accessRequest(reviewed.change()), application);
  }

  private AccessRequestView view(ChangeRequest change, AccessRequestView.Application application) {
    Optional<AccessGrant> grant = change.state() == ChangeState.PUBLISHED || change.state() == ChangeState.APPROVED
        ? changes.context().store().<Optional<AccessGrant>>inTransaction(tx -> tx.grants().find(change.id()))
        : Optional.empty();
    return AccessRequestView.of(change, changes.context().rules(), grant, read(change.facts()), changes.context().clock().instant(),
        application);
  }

  private static String required(String value, String pointer) {
    if (value == null || value.isBlank()) {
      throw new BadRequestException("Invalid access request: %s is required", pointer);
    }
    return value;
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

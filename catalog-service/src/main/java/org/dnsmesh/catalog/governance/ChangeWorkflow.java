package org.dnsmesh.catalog.governance;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.catalog.registry.ContractVersion;
import org.dnsmesh.catalog.registry.Product;
import org.dnsmesh.catalog.registry.ProductRepository;
import org.dnsmesh.catalog.registry.SchemaFingerprints;
import org.dnsmesh.contracts.AvroSchemas;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.compat.Changelog;
import org.dnsmesh.contracts.compat.CompatibilityChecker;
import org.dnsmesh.contracts.compat.CompatibilityReport;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.governance.audit.AuditEntry;
import org.dnsmesh.governance.audit.AuditVerification;
import org.dnsmesh.governance.decision.AccessDeniedException;
import org.dnsmesh.governance.decision.EmbeddedPolicyDecisionPoint;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.DomainName;
import org.dnsmesh.governance.policy.MaskExpressions;
import org.dnsmesh.governance.policy.Principal;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.StaticTableClassifications;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.ChangeRequestId;
import org.dnsmesh.governance.workflow.ChangeState;
import org.dnsmesh.governance.workflow.CheckResult;
import org.dnsmesh.governance.workflow.ContractChangeService;
import org.dnsmesh.governance.workflow.PrincipalDirectory;
import org.dnsmesh.governance.workflow.ProductRef;
import org.dnsmesh.governance.workflow.ProposeChange;
import org.dnsmesh.governance.workflow.WorkflowException;
import org.jboss.logging.Logger;

/**
 * The contract-change workflow over HTTP: runs the automated checks on every submit, lets governance's
 * {@link ContractChangeService} decide (policy grants + review rules), and on approval publishes the version
 * in the registry, regenerates Trino's rules, and records both in the audit log. Callers are principals built
 * from their verified token ({@link CallerPrincipals}).
 */
@ApplicationScoped
public class ChangeWorkflow {
  private static final Logger LOG = Logger.getLogger(ChangeWorkflow.class);

  private final GovernanceContext context;
  private final ProductRepository products;
  private final LineageImpact impact;
  private final AccessRulesWriter accessRules;
  private final KafkaEventSink events;

  public ChangeWorkflow(GovernanceContext context, ProductRepository products, LineageImpact impact,
      AccessRulesWriter accessRules, KafkaEventSink events) {
    this.context = context;
    this.products = products;
    this.impact = impact;
    this.accessRules = accessRules;
    this.events = events;
  }

  /** Proposes the document as the product's next contract version and submits it for review. */
  public ChangeView propose(Caller caller, String domain, String productName, String document) {
    Product product = requireProduct(domain, productName);
    ProductRef ref = productRef(product);
    translate(() -> {
      decisionPoint(caller).authorizeOrThrow(name(caller), org.dnsmesh.governance.policy.Operation.PROPOSE_CHANGE,
          ref.toResource());
      return null;
    });
    Optional<ContractVersion> previous = latest(product);
    ContractChecks.Outcome outcome = checks(product, previous, document, "proposal for " + domain + "." + productName);
    ProposeChange proposal = new ProposeChange(ref, outcome.contract().version(),
        previous.map(ContractVersion::version), document, outcome.assessment(), outcome.checks());
    return translate(() -> {
      ContractChangeService service = service(caller);
      PrincipalName actor = name(caller);
      ChangeRequest draft = service.propose(actor, proposal);
      return view(service.submit(actor, draft.id()), null);
    });
  }

  /** Revises a rejected change with a new document (checks run again) and submits it again. */
  public ChangeView resubmit(Caller caller, String id, String document) {
    ChangeRequestId changeId = changeId(id);
    return translate(() -> {
      ContractChangeService service = service(caller);
      PrincipalName actor = name(caller);
      ChangeRequest current = service.get(actor, changeId);
      Product product = requireProduct(current.product().domain().value(), current.product().name());
      Optional<ContractVersion> previous = latest(product);
      ContractChecks.Outcome outcome = checks(product, previous, document, "revision of change " + id);
      if (!outcome.contract().version().equals(current.proposedVersion())) {
        throw new BadRequestException("Invalid contract: /version is %s but change %s proposes %s: propose a new change for"
            + " another version", outcome.contract().version(), id, current.proposedVersion());
      }
      service.revise(actor, changeId, document, outcome.assessment(), outcome.checks());
      return view(service.submit(actor, changeId), null);
    });
  }

  public ChangeView get(Caller caller, String id) {
    ChangeRequestId changeId = changeId(id);
    return translate(() -> view(service(caller).get(name(caller), changeId), null));
  }

  public List<ChangeView> list(Caller caller, Optional<String> domain, Optional<String> product, Optional<String> state) {
    if (product.isPresent() && domain.isEmpty()) {
      throw new BadRequestException("Query parameter product needs domain too");
    }
    Optional<ChangeState> wanted = state.map(ChangeWorkflow::state);
    Optional<ProductRef> ref = product.map(p -> new ProductRef(DomainName.of(domain.get()), p));
    return translate(() -> service(caller).list(name(caller), ref, wanted).stream()
        .filter(change -> domain.isEmpty() || change.product().domain().value().equals(domain.get()))
        .map(change -> view(change, null))
        .toList());
  }

  /** The change's document against the latest published version. */
  public DiffView diff(Caller caller, String id) {
    ChangeRequestId changeId = changeId(id);
    return translate(() -> {
      ChangeRequest change = service(caller).get(name(caller), changeId);
      DataContract proposed = DataContracts.parse(change.contractDocument(), "change " + id);
      Optional<ContractVersion> previous = change.previousVersion()
          .flatMap(v -> products.contract(change.product().domain().value(), change.product().name(), v));
      if (previous.isEmpty()) {
        return new DiffView(id, null, change.proposedVersion(), "MAJOR", List.of(),
            "first contract version of " + change.product(), "# " + change.product() + " " + change.proposedVersion()
                + "\n\nFirst contract version: nothing to compare with.\n");
      }
      DataContract before = DataContracts.parse(previous.get().document(), "published " + previous.get().version());
      CompatibilityReport report = CompatibilityChecker.diff(before, proposed);
      return new DiffView(id, previous.get().version(), change.proposedVersion(), report.overall().name(),
          report.changes().stream().map(c -> new DiffView.Entry(c.changeClass().name(), c.rule(), c.element(), c.reason()))
              .toList(),
          report.versionCheck().message(), Changelog.markdown(before, proposed, report));
    });
  }

  public ChangeView approve(Caller caller, String id, String comment) {
    ChangeRequestId changeId = changeId(id);
    return translate(() -> {
      ContractChangeService service = service(caller);
      PrincipalName reviewer = name(caller);
      ChangeRequest current = service.get(reviewer, changeId);
      List<String> failed = current.checks().stream().filter(c -> c.status() == CheckResult.CheckStatus.FAILED)
          .map(c -> c.name() + ": " + c.detail()).toList();
      if (!failed.isEmpty() && current.state() == ChangeState.SUBMITTED) {
        throw new ChangeConflictException("Change " + id + " cannot be approved while checks fail (" + String.join("; ", failed)
            + "): reject it so the author can revise it");
      }
      ChangeRequest reviewed = service.approve(reviewer, changeId, comment == null ? "" : comment);
      if (reviewed.state() != ChangeState.APPROVED) {
        return view(reviewed, null);
      }
      return publishApproved(service, reviewed, reviewer);
    });
  }

  public ChangeView reject(Caller caller, String id, String comment) {
    ChangeRequestId changeId = changeId(id);
    return translate(() -> view(service(caller).reject(name(caller), changeId, comment == null ? "" : comment), null));
  }

  /** Retries the publication of an approved change whose publication failed (governance or admin). */
  public ChangeView publish(Caller caller, String id) {
    ChangeRequestId changeId = changeId(id);
    return translate(() -> {
      ContractChangeService service = service(caller);
      ChangeRequest change = service.get(name(caller), changeId);
      if (change.state() != ChangeState.APPROVED) {
        throw new ChangeConflictException("cannot publish change " + id + " in state " + change.state() + " (needs APPROVED)");
      }
      decisionPoint(caller).authorizeOrThrow(name(caller),
          org.dnsmesh.governance.policy.Operation.PUBLISH_CONTRACT, change.product().toResource());
      return publishApproved(service, change, name(caller));
    });
  }

  public List<AuditEntry> audit(Caller caller, long fromSequence, int limit) {
    if (fromSequence < 1 || limit < 1 || limit > 1000) {
      throw new BadRequestException("from must be >= 1 and limit between 1 and 1000, were %s and %s", fromSequence, limit);
    }
    return translate(() -> service(caller).readAudit(name(caller), fromSequence, limit));
  }

  public AuditVerification verifyAudit(Caller caller) {
    return translate(() -> service(caller).verifyAudit(name(caller)));
  }

  /**
   * Publication after approval: the immutable contract version in the registry (so the catalog's contract guard
   * admits the new schema), Trino's rules from policy + contracts, audit entries, then the PUBLISHED step. A
   * failure leaves the change APPROVED (retry with publish) and says why.
   */
  private ChangeView publishApproved(ContractChangeService service, ChangeRequest approved, PrincipalName approver) {
    String domain = approved.product().domain().value();
    String productName = approved.product().name();
    Product product = requireProduct(domain, productName);
    DataContract contract = DataContracts.parse(approved.contractDocument(), "change " + approved.id());
    String contractDetail;
    try {
      contractDetail = publishContract(product, contract, approved, approver);
      if (approved.previousVersionSunset().isPresent() && approved.previousVersion().isPresent()) {
        // MAJOR: the superseded version stays readable until its sunset, then the registry reports it retired
        products.setSunset(domain, productName, approved.previousVersion().get(), approved.previousVersionSunset().get());
        contractDetail += "; version " + approved.previousVersion().get() + " deprecated, retired after "
            + approved.previousVersionSunset().get();
      }
    } catch (RuntimeException e) {
      LOG.errorf(e, "Approved change %s could not be published in the registry", approved.id());
      return view(approved, new ChangeView.Publication(false, "not published: " + e.getMessage()
          + " (the change stays APPROVED; retry with POST /api/v1/changes/" + approved.id() + "/publish)", false, "not attempted"));
    }
    AccessRulesWriter.Result rules = accessRules.regenerate(context.policy());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("change", approved.id().toString());
    details.put("version", approved.proposedVersion());
    details.put("written", rules.written());
    details.put("detail", rules.detail());
    context.store().inTransaction(tx -> tx.audit().append(CallerPrincipals.SYSTEM.value(), "access-rules.regenerated",
        approved.product().toString(), details));
    ChangeRequest published = service.publish(CallerPrincipals.SYSTEM, approved.id());
    return view(published, new ChangeView.Publication(true, contractDetail, rules.written(), rules.detail()));
  }

  private String publishContract(Product product, DataContract contract, ChangeRequest approved, PrincipalName approver) {
    Schema avro = AvroSchemas.of(contract, ProductTables.primaryObject(product, contract));
    SchemaFingerprints.refuseCollision(product.domain(), product.name(), approved.proposedVersion(), avro,
        products.contracts(product.domain(), product.name()));
    ContractVersion version = new ContractVersion(product.domain(), product.name(), approved.proposedVersion(),
        approved.contractDocument(), avro.toString(), SchemaFingerprints.of(avro), approver.value(), Instant.now());
    if (products.insertContract(version)) {
      return "contract " + version.version() + " of " + product.domain() + "." + product.name() + " published (fingerprint "
          + version.fingerprint() + ")";
    }
    ContractVersion existing = products.contract(product.domain(), product.name(), version.version()).orElseThrow();
    if (existing.document().equals(version.document())) {
      return "contract " + version.version() + " was already published with this document";
    }
    throw new ChangeConflictException("contract version " + version.version() + " of " + product.domain() + "."
        + product.name() + " is already published with another document (versions are immutable)");
  }

  private ContractChecks.Outcome checks(Product product, Optional<ContractVersion> previous, String document, String source) {
    ContractChecks.Outcome outcome = ContractChecks.run(document, source, product, previous, context.policy());
    previous.filter(p -> p.version().equals(outcome.contract().version())).ifPresent(p -> {
      throw new BadRequestException("Invalid contract: %s: /version %s is already published: propose a higher version",
          source, p.version());
    });
    List<CheckResult> checks = new ArrayList<>(outcome.checks());
    checks.add(impact.analyze(product, outcome.contract(), outcome.report()));
    return new ContractChecks.Outcome(outcome.contract(), outcome.report(), outcome.assessment(), checks);
  }

  private ContractChangeService service(Caller caller) {
    AccessPolicy effective = effectivePolicy(caller);
    return new ContractChangeService(context.store(), decisionPoint(effective), PrincipalDirectory.of(effective),
        context.rules(), events, context.clock());
  }

  private EmbeddedPolicyDecisionPoint decisionPoint(Caller caller) {
    return decisionPoint(effectivePolicy(caller));
  }

  /** Workflow decisions (contract and policy changes) need no table classifications or mask rendering. */
  static EmbeddedPolicyDecisionPoint decisionPoint(AccessPolicy policy) {
    return new EmbeddedPolicyDecisionPoint(policy, new StaticTableClassifications(List.of()), new MaskExpressions());
  }

  private AccessPolicy effectivePolicy(Caller caller) {
    AccessPolicy policy = context.policy();
    List<Principal> principals = new ArrayList<>();
    CallerPrincipals.of(caller, policy).ifPresent(principals::add);
    if (!caller.subject().equals(CallerPrincipals.SYSTEM.value())) {
      principals.add(CallerPrincipals.system());
    }
    return CallerPrincipals.withPrincipals(policy, principals);
  }

  private ChangeView view(ChangeRequest change, ChangeView.Publication publication) {
    return ChangeView.of(change, context.rules(), publication);
  }

  private Product requireProduct(String domain, String name) {
    return products.find(domain, name)
        .orElseThrow(() -> new NotFoundException("No such product: %s.%s (register it with POST /api/v1/products first)",
            domain, name));
  }

  private Optional<ContractVersion> latest(Product product) {
    return products.contracts(product.domain(), product.name()).stream().max(Comparator.comparing(ContractVersion::publishedAt));
  }

  private static ProductRef productRef(Product product) {
    try {
      return new ProductRef(DomainName.of(product.domain()), product.name());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("Product %s.%s cannot be governed: %s", product.domain(), product.name(), e.getMessage());
    }
  }

  static PrincipalName name(Caller caller) {
    try {
      return PrincipalName.of(caller.subject());
    } catch (IllegalArgumentException e) {
      throw new ForbiddenException("Access denied: %s", e.getMessage());
    }
  }

  private static ChangeRequestId changeId(String id) {
    try {
      return ChangeRequestId.parse(id);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("Invalid change id '%s': expected a UUID", id);
    }
  }

  private static ChangeState state(String text) {
    try {
      return ChangeState.valueOf(text.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("Invalid state '%s': expected one of %s", text, List.of(ChangeState.values()));
    }
  }

  /** Governance's exceptions in the catalog's error vocabulary (one body shape for every API). */
  private static <T> T translate(Supplier<T> work) {
    try {
      return work.get();
    } catch (AccessDeniedException e) {
      throw new ForbiddenException("Access denied: %s", e.getMessage());
    } catch (WorkflowException e) {
      throw switch (e.reason()) {
        case NOT_FOUND -> new NotFoundException("%s", capitalised(e.getMessage()));
        case NOT_ALLOWED -> new ForbiddenException("Not allowed: %s", e.getMessage());
        case INVALID_STATE, CONCURRENT_UPDATE -> new ChangeConflictException(capitalised(e.getMessage()));
        case INVALID_REQUEST -> new BadRequestException("%s", capitalised(e.getMessage()));
      };
    }
  }

  private static String capitalised(String message) {
    return message == null || message.isEmpty() ? String.valueOf(message)
        : Character.toUpperCase(message.charAt(0)) + message.substring(1);
  }
}

package org.dnsmesh.catalog.governance;

import static org.dnsmesh.catalog.governance.GovernanceChanges.changeId;
import static org.dnsmesh.catalog.governance.GovernanceChanges.name;
import static org.dnsmesh.catalog.governance.GovernanceChanges.translate;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.iceberg.exceptions.BadRequestException;
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
import org.dnsmesh.governance.policy.DomainName;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.workflow.ChangeKind;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.ChangeRequestId;
import org.dnsmesh.governance.workflow.ChangeRequestService;
import org.dnsmesh.governance.workflow.ChangeState;
import org.dnsmesh.governance.workflow.ChangeSubject;
import org.dnsmesh.governance.workflow.CheckResult;
import org.dnsmesh.governance.workflow.ProductRef;
import org.dnsmesh.governance.workflow.ProposeChange;

/**
 * Contract changes over HTTP, a thin adapter over governance's one change-request machine
 * ({@link ChangeRequestService}, kind {@link ChangeKind#CONTRACT_VERSION}): runs the automated checks on every
 * submit (ODCS validation, compatibility, version bump, policy lint, lineage impact) and shows the diff; the
 * machine decides (policy grants + review rules), audits, sends the events and, on approval, publishes through
 * {@link ContractVersionPublisher}. Callers are principals named by their verified token.
 */
@ApplicationScoped
public class ChangeWorkflow {
  private final GovernanceChanges changes;
  private final ProductRepository products;
  private final LineageImpact impact;

  public ChangeWorkflow(GovernanceChanges changes, ProductRepository products, LineageImpact impact) {
    this.changes = changes;
    this.products = products;
    this.impact = impact;
  }

  /** Proposes the document as the product's next contract version and submits it for review. */
  public ChangeView propose(Caller caller, String domain, String productName, String document) {
    Product product = requireProduct(domain, productName);
    ProductRef ref = productRef(product);
    ChangeRequestService service = changes.service();
    PrincipalName actor = name(caller);
    translate(() -> {
      service.checkMayPropose(actor, ChangeKind.CONTRACT_VERSION, ChangeSubject.of(ref));
      return null;
    });
    Optional<ContractVersion> previous = latest(product);
    ContractChecks.Outcome outcome = checks(product, previous, document, "proposal for " + domain + "." + productName);
    ProposeChange proposal = ProposeChange.contractVersion(ref, outcome.contract().version(),
        previous.map(ContractVersion::version), document, outcome.assessment(), outcome.checks());
    return translate(() -> view(service.proposeAndSubmit(actor, proposal), null));
  }

  /** Revises a rejected change with a new document (checks run again) and submits it again. */
  public ChangeView resubmit(Caller caller, String id, String document) {
    ChangeRequestId changeId = changeId(id);
    return translate(() -> {
      ChangeRequestService service = changes.service();
      PrincipalName actor = name(caller);
      ChangeRequest current = contractChange(service.get(actor, changeId));
      Product product = requireProduct(current.product().domain().value(), current.product().name());
      Optional<ContractVersion> previous = latest(product);
      ContractChecks.Outcome outcome = checks(product, previous, document, "revision of change " + id);
      if (!outcome.contract().version().equals(current.proposedVersion())) {
        throw new BadRequestException("Invalid contract: /version is %s but change %s proposes %s: propose a new change for"
            + " another version", outcome.contract().version(), id, current.proposedVersion());
      }
      service.revise(actor, changeId, document, Optional.of(outcome.assessment()), outcome.checks());
      return view(service.submit(actor, changeId), null);
    });
  }

  public ChangeView get(Caller caller, String id) {
    ChangeRequestId changeId = changeId(id);
    return translate(() -> view(contractChange(changes.service().get(name(caller), changeId)), null));
  }

  public List<ChangeView> list(Caller caller, Optional<String> domain, Optional<String> product, Optional<String> state) {
    if (product.isPresent() && domain.isEmpty()) {
      throw new BadRequestException("Query parameter product needs domain too");
    }
    Optional<ChangeState> wanted = GovernanceChanges.state(state);
    Optional<ChangeSubject> subject = product.map(p -> ChangeSubject.of(new ProductRef(DomainName.of(domain.get()), p)));
    return translate(() -> changes.service().list(name(caller), Optional.of(ChangeKind.CONTRACT_VERSION), subject, wanted).stream()
        .filter(change -> domain.isEmpty() || change.product().domain().value().equals(domain.get()))
        .map(change -> view(change, null))
        .toList());
  }

  /** The change's document against the latest published version. */
  public DiffView diff(Caller caller, String id) {
    ChangeRequestId changeId = changeId(id);
    return translate(() -> {
      ChangeRequest change = contractChange(changes.service().get(name(caller), changeId));
      DataContract proposed = DataContracts.parse(change.document(), "change " + id);
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
    return translate(() -> view(changes.service().approve(name(caller), changeId, comment == null ? "" : comment)));
  }

  public ChangeView reject(Caller caller, String id, String comment) {
    ChangeRequestId changeId = changeId(id);
    return translate(() -> view(changes.service().reject(name(caller), changeId, comment == null ? "" : comment), null));
  }

  /** Retries the publication of an approved change whose publication failed (governance or admin). */
  public ChangeView publish(Caller caller, String id) {
    ChangeRequestId changeId = changeId(id);
    return translate(() -> view(changes.service().publish(name(caller), changeId)));
  }

  public List<AuditEntry> audit(Caller caller, long fromSequence, int limit) {
    if (fromSequence < 1 || limit < 1 || limit > 1000) {
      throw new BadRequestException("from must be >= 1 and limit between 1 and 1000, were %s and %s", fromSequence, limit);
    }
    return translate(() -> changes.service().readAudit(name(caller), fromSequence, limit));
  }

  public AuditVerification verifyAudit(Caller caller) {
    return translate(() -> changes.service().verifyAudit(name(caller)));
  }

  private ContractChecks.Outcome checks(Product product, Optional<ContractVersion> previous, String document, String source) {
    ContractChecks.Outcome outcome = ContractChecks.run(document, source, product, previous, changes.context().policy());
    previous.filter(p -> p.version().equals(outcome.contract().version())).ifPresent(p -> {
      throw new BadRequestException("Invalid contract: %s: /version %s is already published: propose a higher version",
          source, p.version());
    });
    refuseWriterSchemaCollision(product, outcome.contract(), source);
    List<CheckResult> checks = new ArrayList<>(outcome.checks());
    checks.add(impact.analyze(product, outcome.contract(), outcome.report()));
    return new ContractChecks.Outcome(outcome.contract(), outcome.report(), outcome.assessment(), checks);
  }

  /**
   * Refuses, at proposal rather than after review, a version whose writer schema the registry would refuse on
   * publication: one that does not map to Avro, or whose CRC-64 collides with a different published schema of the
   * product (single-object encoded messages carry only the CRC-64; see {@link SchemaFingerprints#refuseCollision}).
   */
  private void refuseWriterSchemaCollision(Product product, DataContract contract, String source) {
    Schema avro;
    try {
      avro = AvroSchemas.of(contract, ProductTables.primaryObject(product, contract));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("Invalid contract: %s: no Avro writer schema: %s", source, e.getMessage());
    }
    SchemaFingerprints.refuseCollision(product.domain(), product.name(), contract.version(), avro,
        products.contracts(product.domain(), product.name()));
  }

  /** The contract endpoints show contract changes only (a policy change's id answers 404 here). */
  private static ChangeRequest contractChange(ChangeRequest change) {
    if (change.kind() != ChangeKind.CONTRACT_VERSION) {
      throw new NotFoundException("No change request %s", change.id());
    }
    return change;
  }

  private ChangeView view(ChangeRequestService.Reviewed reviewed) {
    ChangeView.Publication publication = reviewed.publication()
        .map(p -> new ChangeView.Publication(p.published(), p.detail(), p.rulesRegenerated(), p.rulesDetail())).orElse(null);
    return view(contractChange(reviewed.change()), publication);
  }

  private ChangeView view(ChangeRequest change, ChangeView.Publication publication) {
    return ChangeView.of(change, changes.context().rules(), publication);
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
}

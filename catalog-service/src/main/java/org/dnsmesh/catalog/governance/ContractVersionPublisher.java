package org.dnsmesh.catalog.governance;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.apache.avro.Schema;
import org.dnsmesh.catalog.registry.ContractVersion;
import org.dnsmesh.catalog.registry.Product;
import org.dnsmesh.catalog.registry.ProductRepository;
import org.dnsmesh.catalog.registry.SchemaFingerprints;
import org.dnsmesh.contracts.AvroSchemas;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.workflow.ChangePublisher;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.jboss.logging.Logger;

/**
 * Where an approved contract version takes effect: the immutable version in the registry (so the catalog's
 * contract guard admits the new schema), the superseded version's sunset (MAJOR), then Trino's rules from
 * policy + contracts. A failure leaves the change APPROVED and says how to retry.
 */
@ApplicationScoped
public class ContractVersionPublisher implements ChangePublisher {
  private static final Logger LOG = Logger.getLogger(ContractVersionPublisher.class);

  private final GovernanceContext context;
  private final ProductRepository products;
  private final AccessRulesWriter accessRules;

  public ContractVersionPublisher(GovernanceContext context, ProductRepository products, AccessRulesWriter accessRules) {
    this.context = context;
    this.products = products;
    this.accessRules = accessRules;
  }

  @Override
  public Publication publish(ChangeRequest approved, PrincipalName approver) {
    String domain = approved.product().domain().value();
    String productName = approved.product().name();
    String contractDetail;
    try {
      Product product = products.find(domain, productName)
          .orElseThrow(() -> new IllegalStateException("product " + domain + "." + productName + " is no longer registered"));
      DataContract contract = DataContracts.parse(approved.document(), "change " + approved.id());
      contractDetail = publishContract(product, contract, approved, approver);
      if (approved.previousVersionSunset().isPresent() && approved.previousVersion().isPresent()) {
        // MAJOR: the superseded version stays readable until its sunset, then the registry reports it retired
        products.setSunset(domain, productName, approved.previousVersion().get(), approved.previousVersionSunset().get());
        contractDetail += "; version " + approved.previousVersion().get() + " deprecated, retired after "
            + approved.previousVersionSunset().get();
      }
    } catch (RuntimeException e) {
      LOG.errorf(e, "Approved change %s could not be published in the registry", approved.id());
      return Publication.failed("not published: " + e.getMessage() + " (the change stays APPROVED; retry with POST"
          + " /api/v1/changes/" + approved.id() + "/publish)");
    }
    AccessRulesWriter.Result rules = RulesAfterPublication.regenerate(accessRules, context, context.policy(), approved);
    return new Publication(true, contractDetail, rules.written(), rules.detail());
  }

  private String publishContract(Product product, DataContract contract, ChangeRequest approved, PrincipalName approver) {
    Schema avro = AvroSchemas.of(contract, ProductTables.primaryObject(product, contract));
    SchemaFingerprints.refuseCollision(product.domain(), product.name(), approved.proposedVersion(), avro,
        products.contracts(product.domain(), product.name()));
    ContractVersion version = new ContractVersion(product.domain(), product.name(), approved.proposedVersion(),
        approved.document(), avro.toString(), SchemaFingerprints.of(avro), approver.value(), Instant.now());
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
}

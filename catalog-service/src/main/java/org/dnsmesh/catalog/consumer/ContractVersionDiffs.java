package org.dnsmesh.catalog.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.dnsmesh.catalog.auth.Authorizer;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.catalog.auth.CatalogResource;
import org.dnsmesh.catalog.governance.DiffView;
import org.dnsmesh.catalog.registry.ContractVersion;
import org.dnsmesh.catalog.registry.ProductRepository;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.compat.Changelog;
import org.dnsmesh.contracts.compat.CompatibilityChecker;
import org.dnsmesh.contracts.compat.CompatibilityReport;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.governance.policy.Operation;

/**
 * Two published contract versions of a product compared by the same checker and changelog the review of a change
 * uses (so a consumer reads the diff a steward approved), in either order.
 */
@ApplicationScoped
public class ContractVersionDiffs {
  private final ProductRepository products;
  private final Authorizer authorizer;

  public ContractVersionDiffs(ProductRepository products, Authorizer authorizer) {
    this.products = products;
    this.authorizer = authorizer;
  }

  public DiffView diff(Caller caller, String domain, String name, String from, String to) {
    authorizer.authorizeOrThrow(caller, Operation.READ_PRODUCT, CatalogResource.namespace(domain, List.of(name)));
    if (from == null || from.isBlank() || to == null || to.isBlank()) {
      throw new BadRequestException("Query parameters from and to are required: two published versions of %s.%s, "
          + "e.g. ?from=1.0.0&to=1.1.0", domain, name);
    }
    DataContract before = parse(version(domain, name, from, "from"));
    DataContract after = parse(version(domain, name, to, "to"));
    CompatibilityReport report = CompatibilityChecker.diff(before, after);
    return new DiffView(null, from, to, report.overall().name(),
        report.changes().stream().map(c -> new DiffView.Entry(c.changeClass().name(), c.rule(), c.element(), c.reason()))
            .toList(),
        report.versionCheck().message(), Changelog.markdown(before, after, report));
  }

  private ContractVersion version(String domain, String name, String version, String parameter) {
    return products.contract(domain, name, version).orElseThrow(() -> new NotFoundException(
        "No published contract version %s of %s.%s (query parameter %s)", version, domain, name, parameter));
  }

  private static DataContract parse(ContractVersion version) {
    return DataContracts.parse(version.document(), "published " + version.version());
  }
}

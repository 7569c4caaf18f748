package org.dnsmesh.catalog.governance;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.catalog.TableIdentifier;
import org.dnsmesh.catalog.iceberg.DomainCatalogs;
import org.dnsmesh.catalog.registry.ContractVersion;
import org.dnsmesh.catalog.registry.Product;
import org.dnsmesh.catalog.registry.ProductRepository;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.governance.compile.TrinoRulesCompiler;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.MaskExpressions;
import org.dnsmesh.governance.policy.PolicyLoader;
import org.dnsmesh.governance.policy.StaticTableClassifications;
import org.dnsmesh.governance.policy.TableClassification;
import org.dnsmesh.governance.policy.TableRef;
import org.jboss.logging.Logger;

/**
 * Regenerates Trino's file-based access rules after an approved change: the policy plus the column
 * classifications of every product's latest published contract (the static demo tables fill in for tables
 * no contract describes yet), written atomically to the file the stack's Trino reads
 * ({@code security.config-file}, re-read every refresh period, so no restart is needed).
 */
@ApplicationScoped
public class AccessRulesWriter {
  private static final Logger LOG = Logger.getLogger(AccessRulesWriter.class);

  private final GovernanceConfig config;
  private final ProductRepository products;
  private final DomainCatalogs catalogs;
  private final AtomicReference<String> lastResult = new AtomicReference<>("not written yet");

  private final jakarta.enterprise.event.Event<org.dnsmesh.catalog.registry.ProductService.ContractPublished> published;
  private final GrantsInForce grants;

  public AccessRulesWriter(GovernanceConfig config, ProductRepository products, DomainCatalogs catalogs,
      jakarta.enterprise.event.Event<org.dnsmesh.catalog.registry.ProductService.ContractPublished> published,
      GrantsInForce grants) {
    this.config = config;
    this.products = products;
    this.catalogs = catalogs;
    this.published = published;
    this.grants = grants;
  }

  /** Outcome of a regeneration, shown on the change and in health. */
  public record Result(boolean written, String detail) {}

  /**
   * Recompiles and writes the rules from {@code reviewed} plus the access grants in force; never throws (a failure
   * is the result, and logged).
   */
  public synchronized Result regenerate(AccessPolicy reviewed) {
    AccessPolicy policy = grants.over(reviewed);
    published.fire(new org.dnsmesh.catalog.registry.ProductService.ContractPublished()); // the catalog's view too
    if (config.trinoRulesFile().isEmpty()) {
      Result result = new Result(false, "mesh.governance.trino-rules-file is not set: Trino's rules were not regenerated");
      LOG.warn(result.detail());
      lastResult.set(result.detail());
      return result;
    }
    Path file = Path.of(config.trinoRulesFile().get());
    try {
      StaticTableClassifications tables = classifications(policy);
      TrinoRulesCompiler compiler = new TrinoRulesCompiler(new MaskExpressions());
      compiler.writeTo(compiler.compile(policy, tables), file);
      restrict(file);
      Result result = new Result(true, "Trino rules rewritten at " + file + " (" + tables.all().size() + " classified tables)");
      LOG.info(result.detail());
      lastResult.set(Instant.now() + ": " + result.detail());
      return result;
    } catch (RuntimeException e) {
      Result result = new Result(false, "Trino rules not regenerated at " + file + ": " + e.getMessage());
      LOG.error(result.detail(), e);
      lastResult.set(Instant.now() + ": " + result.detail());
      return result;
    }
  }

  String lastResult() {
    return lastResult.get();
  }

  /** Tables of published contracts, in place of (or in addition to) the static classifications. */
  StaticTableClassifications classifications(AccessPolicy policy) {
    Map<TableRef, TableClassification> tables = new LinkedHashMap<>();
    Path tablesFile = Path.of(config.tablesFile());
    if (Files.exists(tablesFile)) {
      PolicyLoader.loadTables(tablesFile).all().forEach(table -> tables.put(table.table(), table));
    } else {
      LOG.warnf("Table classifications file %s does not exist: only tables of published contracts get rules", tablesFile);
    }
    for (Product product : products.search(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 500)) {
      Optional<ContractVersion> latest = products.contracts(product.domain(), product.name()).stream()
          .max(Comparator.comparing(ContractVersion::publishedAt));
      if (latest.isEmpty() || policy.domains().stream().noneMatch(d -> d.value().equals(product.domain()))) {
        continue;
      }
      DataContract contract = DataContracts.parse(latest.get().document(),
          product.domain() + "." + product.name() + " " + latest.get().version());
      for (ProductTables.Binding binding : ProductTables.of(product, contract)) {
        TableRef ref = new TableRef(product.domain(), binding.port().namespace(), binding.port().table());
        tables.put(ref, new TableClassification(ref,
            ContractColumns.classified(contract, binding.object(), tableSchema(product.domain(), binding.port()))));
      }
    }
    return new StaticTableClassifications(new ArrayList<>(tables.values()));
  }

  private Optional<org.apache.iceberg.Schema> tableSchema(String domain, Product.OutputPort port) {
    try {
      return Optional.of(catalogs.get(domain).catalog()
          .loadTable(TableIdentifier.of(port.namespace(), port.table())).schema());
    } catch (RuntimeException e) {
      return Optional.empty(); // not created yet: types come from the contract
    }
  }

  private static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException ignored) {
      // non-POSIX file system: the platform's permissions apply
    }
  }
}

package org.dnsmesh.quality.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dnsmesh.contracts.ContractReadException;
import org.dnsmesh.contracts.ContractValidator;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.Finding;
import org.dnsmesh.contracts.SemanticVersion;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.quality.contract.ContractView;
import org.dnsmesh.quality.contract.OdcsContractViews;
import org.dnsmesh.quality.model.ProductId;
import org.dnsmesh.quality.service.TargetSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to watch, discovered in the catalog's registry: every active product, each of its output tables, checked
 * against the product's newest published contract version. Table names are {@code <domain>.<namespace>.<table>},
 * the domain being both the Iceberg warehouse and the Trino catalog.
 *
 * <p>The list is fetched at most once per {@code refresh} (the drift loop asks every few seconds); parsed
 * contract versions are kept, since published versions are immutable. A product whose contract is missing,
 * unreadable, invalid or does not describe a table is logged once with the product and the reason and left
 * out; when the registry cannot be reached the last known list is kept, so the monitor goes on checking.
 */
public final class RegistryTargetSource implements TargetSource {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryTargetSource.class);

  private final RegistryClient registry;
  private final Duration refresh;
  private final Clock clock;
  private final Map<String, Parsed> contracts = new HashMap<>();
  private final Map<String, String> reported = new HashMap<>();
  private List<ContractView> current = List.of();
  private Instant fetchedAt;

  public RegistryTargetSource(RegistryClient registry, Duration refresh, Clock clock) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A contract version read once: the contract, or why it cannot be used. */
  private record Parsed(DataContract contract, String problem) {}

  @Override
  public synchronized List<ContractView> targets() {
    Instant now = clock.instant();
    if (fetchedAt != null && now.isBefore(fetchedAt.plus(refresh))) {
      return current;
    }
    try {
      current = fetch();
      fetchedAt = now;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("registry unreachable, keeping the last {} target(s): {}", current.size(), e.toString());
    }
    return current;
  }

  private List<ContractView> fetch() throws Exception {
    List<ContractView> views = new ArrayList<>();
    for (RegistryClient.ProductRef product : registry.activeProducts()) {
      String id = product.id();
      try {
        views.addAll(viewsOf(product));
      } catch (SkippedProductException e) {
        report(id, e.getMessage());
      } catch (java.io.IOException e) {
        report(id, "registry call failed: " + e.getMessage());
      }
    }
    return List.copyOf(views);
  }

  private List<ContractView> viewsOf(RegistryClient.ProductRef product) throws Exception {
    String id = product.id();
    if (product.outputTables().isEmpty()) {
      throw new SkippedProductException("no output tables registered");
    }
    String version = latest(registry.contractVersions(product.domain(), product.name()))
        .orElseThrow(() -> new SkippedProductException("no published contract version"));
    String key = id + "@" + version;
    Parsed parsed = contracts.get(key);
    if (parsed == null) {
      parsed = parse(registry.contractDocument(product.domain(), product.name(), version), id + " contract " + version);
      contracts.put(key, parsed);
    }
    if (parsed.problem() != null) {
      throw new SkippedProductException("contract " + version + " " + parsed.problem());
    }
    List<ContractView> views = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (RegistryClient.OutputTable table : product.outputTables()) {
      String name = product.domain() + "." + table.namespace() + "." + table.table();
      try {
        OdcsContractViews.Result result = OdcsContractViews.view(parsed.contract(), new ProductId(id), name,
            table.table());
        views.add(result.view());
        notes.addAll(result.notes());
      } catch (OdcsContractViews.InvalidContractException e) {
        if (e.getMessage().startsWith("no schema object named")) {
          // quarantine and derived tables are output ports the contract does not describe: nothing to check them
          // against (record drift reads the quarantine table beside its product table anyway)
          notes.add(name + " (not described by contract " + version + ")");
        } else {
          problems.add("table " + name + " skipped: contract " + version + " " + e.getMessage());
        }
      }
    }
    if (views.isEmpty() && problems.isEmpty()) {
      problems.add("no output table is described by contract " + version);
    }
    String message = problems.isEmpty()
        ? "watching " + views.size() + " table(s) against contract " + version
            + (notes.isEmpty() ? "" : "; not checked: " + String.join("; ", notes))
        : String.join("; ", problems);
    report(id, message);
    return views;
  }

  private static Parsed parse(String document, String source) {
    DataContract contract;
    try {
      contract = DataContracts.parse(document, source);
    } catch (ContractReadException e) {
      return new Parsed(null, "cannot be read: " + summary(e.findings()));
    } catch (RuntimeException e) {
      return new Parsed(null, "cannot be read: " + e.getMessage());
    }
    List<Finding> errors = ContractValidator.validate(document, source).stream()
        .filter(f -> f.severity() == Finding.Severity.ERROR).toList();
    if (!errors.isEmpty()) {
      return new Parsed(null, "is invalid: " + summary(errors));
    }
    return new Parsed(contract, null);
  }

  private static String summary(List<Finding> findings) {
    List<String> first = findings.stream().limit(3).map(Finding::toString).toList();
    return String.join("; ", first) + (findings.size() > 3 ? " (+" + (findings.size() - 3) + " more)" : "");
  }

  /** The highest semantic version; anything that is not one is ignored. */
  public static Optional<String> latest(List<String> versions) {
    return versions.stream()
        .flatMap(v -> SemanticVersion.parse(v).map(parsed -> Map.entry(parsed, v)).stream())
        .max(Comparator.comparing(Map.Entry::getKey))
        .map(Map.Entry::getValue);
  }

  /** Logs what happened to a product only when it changed, so a 5 s loop does not repeat itself. */
  private void report(String product, String message) {
    if (message.equals(reported.put(product, message))) {
      return;
    }
    if (message.startsWith("watching")) {
      LOG.info("product {}: {}", product, message);
    } else {
      LOG.warn("product {} skipped: {}", product, message);
    }
  }

  private static final class SkippedProductException extends Exception {
    SkippedProductException(String message) {
      super(message);
    }
  }
}

package org.dnsmesh.productcli.publish;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dnsmesh.contracts.ContractValidator;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.Finding;
import org.dnsmesh.contracts.model.DataContract;

/**
 * Publishes a product from its contract: validate with the contracts toolkit (any error refuses, nothing is
 * sent), register or update the product in the catalog, publish the contract version. A version is immutable:
 * the same document again is a no-op ({@link Outcome#UNCHANGED}); a different document under a published version
 * is refused before anything changes.
 */
public final class ProductPublisher {

  /**
   * What happens to ports registered earlier that this publication does not name: {@link #KEEP} them (a derived
   * table registered by another run stays listed), or {@link #REPLACE} the product's ports with exactly these.
   */
  public enum RegisteredPorts {
    KEEP,
    REPLACE
  }

  /** What happened to the contract version. */
  public enum Outcome {
    PUBLISHED,
    UNCHANGED
  }

  /** @param keptPorts ports registered earlier and kept although this publication does not name them */
  public record Result(ProductRegistration registration, Outcome outcome, List<Finding> warnings,
      List<String> keptPorts) {
    public Result {
      Objects.requireNonNull(registration, "registration");
      Objects.requireNonNull(outcome, "outcome");
      warnings = List.copyOf(warnings);
      keptPorts = List.copyOf(keptPorts);
    }
  }

  /** The contract has errors; {@link #findings()} says which and where (file:line:column). */
  public static final class InvalidContractException extends RuntimeException {
    private final List<Finding> findings;

    InvalidContractException(Path file, List<Finding> findings) {
      super(file + " is not a valid contract (" + findings.stream().filter(Finding::isError).count()
          + " error(s)); nothing was published");
      this.findings = List.copyOf(findings);
    }

    public List<Finding> findings() {
      return findings;
    }
  }

  /** The version is already published with another document. */
  public static final class VersionConflictException extends RuntimeException {
    VersionConflictException(String message) {
      super(message);
    }
  }

  private final CatalogRegistryClient catalog;

  public ProductPublisher(CatalogRegistryClient catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  public Result publish(Path contractFile, List<String> extraOutputTables, List<String> extraInputPorts,
      RegisteredPorts registeredPorts) {
    String document;
    try {
      document = Files.readString(contractFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + contractFile + ": " + e.getMessage(), e);
    }
    List<Finding> findings = ContractValidator.standard().check(document, contractFile.toString());
    if (findings.stream().anyMatch(Finding::isError)) {
      throw new InvalidContractException(contractFile, findings);
    }
    DataContract contract = DataContracts.parse(document, contractFile.toString());
    ProductRegistration own = ProductRegistration.of(contract, extraOutputTables, extraInputPorts);
    ProductRegistration registration = own;
    String id = registration.domain() + "." + registration.name();

    Optional<JsonNode> published = catalog.contract(registration.domain(), registration.name(), registration.version());
    if (published.isPresent() && !sameDocument(published.get(), document, registration.avroSchema())) {
      throw new VersionConflictException("contract version " + registration.version() + " of " + id
          + " is already published (by " + published.get().path("publishedBy").asText("?") + " at "
          + published.get().path("publishedAt").asText("?") + ") with a different document; published versions"
          + " are immutable: raise 'version' in " + contractFile + " (mesh contract diff tells MAJOR/MINOR/PATCH)");
    }
    List<String> kept = new ArrayList<>();
    if (registeredPorts == RegisteredPorts.KEEP) {
      Optional<JsonNode> registered = catalog.product(registration.domain(), registration.name());
      if (registered.isPresent()) {
        List<Map<String, String>> outputs = new ArrayList<>();
        registered.get().path("outputPorts").forEach(port -> outputs.add(Map.of(
            "namespace", port.path("namespace").asText(), "table", port.path("table").asText())));
        List<String> inputs = new ArrayList<>();
        registered.get().path("inputPorts").forEach(port -> inputs.add(port.asText()));
        ProductRegistration merged = registration.withMorePorts(outputs, inputs);
        merged.outputTables().stream().filter(t -> !own.outputTables().contains(t)).forEach(kept::add);
        merged.inputPorts().stream().filter(p -> !own.inputPorts().contains(p)).forEach(kept::add);
        registration = merged;
      }
    }
    catalog.registerProduct(registration.productBody());
    if (published.isPresent()) {
      return new Result(registration, Outcome.UNCHANGED, findings, kept);
    }
    catalog.publishContract(registration.domain(), registration.name(), registration.version(), document,
        registration.avroSchema());
    return new Result(registration, Outcome.PUBLISHED, findings, kept);
  }

  private static boolean sameDocument(JsonNode published, String document, String avroSchema) {
    return document.equals(published.path("document").asText()) && avroSchema.equals(published.path("avroSchema").asText());
  }
}

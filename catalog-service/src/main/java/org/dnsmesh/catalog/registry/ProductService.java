package org.dnsmesh.catalog.registry;

import org.dnsmesh.governance.policy.DomainName;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.dnsmesh.catalog.auth.Authorizer;
import org.dnsmesh.catalog.auth.CatalogResource;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.catalog.iceberg.DomainCatalogs;
import org.dnsmesh.catalog.iceberg.Warehouse;
import org.dnsmesh.catalog.lineage.LineageGraph;
import org.dnsmesh.catalog.lineage.LineageNode;
import org.dnsmesh.catalog.lineage.LineageService;
import org.dnsmesh.catalog.lineage.QualityTrend;

/** Registers products and their immutable contract versions; answers the product page and search. */
@ApplicationScoped
public class ProductService {
  /** Lifecycle dates are UTC days. */
  private static final java.time.Clock CLOCK = java.time.Clock.systemUTC();

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,127}");
  private static final Pattern SEMVER = Pattern.compile(
      "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

  private final ProductRepository products;
  private final DomainRepository domains;
  private final DomainCatalogs catalogs;
  private final LineageService lineage;
  private final Authorizer authorizer;
  private final Runnable tablesChanged;

  public ProductService(ProductRepository products, DomainRepository domains, DomainCatalogs catalogs,
      LineageService lineage, Authorizer authorizer, jakarta.enterprise.event.Event<ContractPublished> published,
      jakarta.enterprise.event.Event<DirectPublication> directPublications) {
    this.products = products;
    this.domains = domains;
    this.catalogs = catalogs;
    this.lineage = lineage;
    this.authorizer = authorizer;
    this.tablesChanged = () -> published.fire(new ContractPublished());
    this.directPublications = directPublications;
  }

  private final jakarta.enterprise.event.Event<DirectPublication> directPublications;

  /** Fired after a contract version is published: classifications (masks, filters) may have changed. */
  public record ContractPublished() {}

  /**
   * Fired after a product's first contract version is published through the direct path (later versions are
   * approved changes, whose workflow applies the policy itself): the policy is applied to its tables (Trino rules).
   */
  public record DirectPublication(String domain, String product, String version) {}

  /** Body of a contract publication: the ODCS document as published and its Avro schema. */
  public record PublishContractRequest(String version, String document, String avroSchema) {}

  /** A version on the product page, with its lifecycle ({@code active}, {@code deprecated} until its sunset, {@code retired}). */
  public record ContractSummary(String version, String fingerprint, String publishedBy, Instant publishedAt, String status,
      java.time.LocalDate sunset) {
    static ContractSummary of(ContractVersion contract, ContractLifecycle lifecycle) {
      return new ContractSummary(contract.version(), contract.fingerprint(), contract.publishedBy(), contract.publishedAt(),
          lifecycle.status(), lifecycle.sunset());
    }
  }

  /** One contract version as read: the version as published plus its lifecycle status and sunset date. */
  public record ContractVersionView(String domain, String product, String version, String document, String avroSchema,
      String fingerprint, String publishedBy, Instant publishedAt, String status, java.time.LocalDate sunset) {
    static ContractVersionView of(ContractVersion c, ContractLifecycle lifecycle) {
      return new ContractVersionView(c.domain(), c.product(), c.version(), c.document(), c.avroSchema(), c.fingerprint(),
          c.publishedBy(), c.publishedAt(), lifecycle.status(), lifecycle.sunset());
    }
  }

  public record OutputTable(String namespace, String table, String location, Long currentSnapshotId,
      Instant snapshotTime, Map<String, String> snapshotSummary, String qualityStatus, QualityTrend qualityTrend,
      String error) {}

  /** Verdicts shown per table on the product page, and the window of its passing share. */
  static final int TREND_POINTS = 10;
  static final int TREND_WINDOW_HOURS = 24;

  public record ProductPage(Product product, List<ContractSummary> contracts, List<OutputTable> outputTables,
      String qualityStatus, List<LineageGraph> lineage) {}

  public record SchemaUse(String domain, String product, String version) {}

  /** A writer schema: its CRC-64 (message header), identity (SHA-256 with logical types) and where it is used. */
  public record SchemaByFingerprint(String fingerprint, String identity, String avroSchema, List<SchemaUse> usedBy) {}

  public Product publish(Caller caller, Product request) {
    authorizer.authorizeOrThrow(caller, Operation.PUBLISH_PRODUCT, product(request.domain(), request.name()));
    domains.find(DomainName.of(request.domain()))
        .orElseThrow(() -> new NotFoundException("No such domain: %s", request.domain()));
    if (!NAME.matcher(request.name()).matches()) {
      throw new BadRequestException("Invalid product name '%s': lowercase letters, digits, '_' or '-', starting with a letter",
          request.name());
    }
    if (!Product.STATUSES.contains(request.status())) {
      throw new BadRequestException("Invalid status '%s': expected one of %s", request.status(), Product.STATUSES);
    }
    request.outputPorts().forEach(port ->
        Warehouse.requireValidIdentifier(TableIdentifier.of(port.namespace(), port.table())));
    products.find(request.domain(), request.name()).ifPresent(existing -> requireContractedPortsKept(existing, request));
    products.upsert(request);
    return products.find(request.domain(), request.name()).orElseThrow();
  }

  /**
   * The direct publication path: a product's first contract version only, validated here (ODCS JSON Schema and
   * project rules, semver, an Avro record schema derived from the contract). Every later version is a reviewed
   * change ({@code POST /api/v1/products/{domain}/{name}/changes}); repeating a publication is a no-op.
   */
  public ContractVersion publishContract(Caller caller, String domain, String product, PublishContractRequest request) {
    authorizer.authorizeOrThrow(caller, Operation.PUBLISH_PRODUCT, product(domain, product));
    requireProduct(domain, product);
    if (request == null || request.version() == null || !SEMVER.matcher(request.version()).matches()
        || org.dnsmesh.contracts.SemanticVersion.parse(request.version()).isEmpty()) {
      throw new BadRequestException("Invalid contract version '%s': expected semantic version MAJOR.MINOR.PATCH "
          + "(each number at most %d)", request == null ? null : request.version(), Integer.MAX_VALUE);
    }
    if (request.document() == null || request.document().isBlank()) {
      throw new BadRequestException("Missing document: the ODCS contract as published");
    }
    Optional<ContractVersion> same = products.contract(domain, product, request.version());
    if (same.isPresent()) {
      if (same.get().document().equals(request.document()) && same.get().avroSchema().equals(request.avroSchema())) {
        return same.get(); // the same publication repeated
      }
      throw new AlreadyExistsException(
          "Contract version %s of %s.%s is already published and immutable: publish a new version", request.version(),
          domain, product);
    }
    List<ContractVersion> published = products.contracts(domain, product);
    if (!published.isEmpty()) {
      throw new ContractViolationException(String.format("Contract version %s of %s.%s refused: the product already has "
          + "published version(s) %s, and later versions are published only through review: propose it with POST "
          + "/api/v1/products/%s/%s/changes (mesh change propose)", request.version(), domain, product,
          published.stream().map(ContractVersion::version).toList(), domain, product));
    }
    Schema schema = PublishedContracts.validate(domain, product, request.version(), request.document(),
        request.avroSchema());
    SchemaFingerprints.refuseCollision(domain, product, request.version(), schema, published);
    ContractVersion contract = new ContractVersion(domain, product, request.version(), request.document(),
        request.avroSchema(), SchemaFingerprints.of(schema), caller.subject(), Instant.now());
    if (products.insertContract(contract)) {
      tablesChanged.run();
      directPublications.fire(new DirectPublication(domain, product, request.version()));
      return contract;
    }
    // a concurrent first publication won the race
    return publishContract(caller, domain, product, request);
  }

  /** Output ports a published contract describes stay registered: dropping one would switch its contract guard off. */
  private void requireContractedPortsKept(Product existing, Product request) {
    List<ContractVersion> published = products.contracts(existing.domain(), existing.name());
    if (published.isEmpty()) {
      return;
    }
    ContractVersion latest = published.stream().max(java.util.Comparator.comparing(ContractVersion::publishedAt)).orElseThrow();
    Set<String> objects = PublishedContracts.objectNames(latest.document());
    for (Product.OutputPort port : existing.outputPorts()) {
      boolean covered = objects.contains(port.table()) || (existing.outputPorts().size() == 1 && objects.size() == 1);
      if (covered && !request.outputPorts().contains(port)) {
        throw new ContractViolationException(String.format("Re-registration of %s.%s refused: output port %s.%s is "
            + "covered by published contract %s and cannot be dropped (its commits are checked against the contract)",
            existing.domain(), existing.name(), port.namespace(), port.table(), latest.version()));
      }
    }
  }

  public ContractVersionView contract(Caller caller, String domain, String product, String version) {
    authorizer.authorizeOrThrow(caller, Operation.READ_PRODUCT, product(domain, product));
    ContractVersion contract = products.contract(domain, product, version).orElseThrow(
        () -> new NotFoundException("No contract version %s of %s.%s", version, domain, product));
    return ContractVersionView.of(contract,
        ContractLifecycle.of(java.util.Optional.ofNullable(products.sunsets(domain, product).get(version)), CLOCK));
  }

  /** 403 unless the caller may read the product, then 404 when there is none. */
  public Product readable(Caller caller, String domain, String name) {
    authorizer.authorizeOrThrow(caller, Operation.READ_PRODUCT, product(domain, name));
    return requireProduct(domain, name);
  }

  public ProductPage page(Caller caller, String domain, String name, int lineageDepth) {
    authorizer.authorizeOrThrow(caller, Operation.READ_PRODUCT, product(domain, name));
    Product product = requireProduct(domain, name);
    Map<String, java.time.LocalDate> sunsets = products.sunsets(domain, name);
    List<ContractSummary> contracts = products.contracts(domain, name).stream()
        .map(c -> ContractSummary.of(c, ContractLifecycle.of(java.util.Optional.ofNullable(sunsets.get(c.version())), CLOCK)))
        .toList();
    List<OutputTable> tables = new ArrayList<>();
    List<LineageGraph> graphs = new ArrayList<>();
    for (Product.OutputPort port : product.outputPorts()) {
      LineageNode dataset = LineageNode.dataset(domain, port.namespace() + "." + port.table());
      String quality = lineage.qualityStatus(dataset);
      QualityTrend trend = lineage.qualityTrend(dataset, TREND_POINTS, TREND_WINDOW_HOURS, Instant.now());
      tables.add(outputTable(domain, port, quality, trend));
      try {
        graphs.add(lineage.graph(caller, dataset, lineageDepth, LineageService.Direction.BOTH));
      } catch (org.apache.iceberg.exceptions.ForbiddenException e) {
        // the caller may open the page but not discover this table's lineage: the page shows none for it
      }
    }
    return new ProductPage(product, contracts, tables, overall(tables), graphs);
  }

  public List<Product> search(Caller caller, Optional<String> text, Optional<String> domain, Optional<String> status,
      Optional<String> classification, int limit) {
    authorizer.authorizeOrThrow(caller, Operation.SEARCH_PRODUCTS, CatalogResource.mesh());
    if (limit < 1 || limit > 500) {
      throw new BadRequestException("limit must be between 1 and 500, was %s", limit);
    }
    // only products whose page the caller may open (the policy may hide whole domains from a principal)
    return products.search(text.filter(t -> !t.isBlank()), domain, status, classification, limit).stream()
        .filter(product -> authorizer.allows(caller, Operation.READ_PRODUCT, product(product.domain(), product.name())))
        .toList();
  }

  /**
   * The writer schema with this CRC-64 (16 hex digits or decimal) or identity (64 hex digits). A CRC-64 that names
   * different schemas (possible across products: logical types are not in the canonical form) is refused with 409
   * rather than answered with one of them, which would decode the other's messages wrongly.
   */
  public SchemaByFingerprint schema(Caller caller, String fingerprint) {
    authorizer.authorizeOrThrow(caller, Operation.READ_SCHEMA, CatalogResource.mesh());
    boolean byIdentity = SchemaFingerprints.isIdentity(fingerprint);
    String normalized = byIdentity ? fingerprint.toLowerCase(java.util.Locale.ROOT) : SchemaFingerprints.normalize(fingerprint);
    List<ContractVersion> versions = byIdentity ? products.byIdentity(normalized) : products.byFingerprint(normalized);
    if (versions.isEmpty()) {
      throw new NotFoundException("No schema with %s %s", byIdentity ? "identity" : "fingerprint", normalized);
    }
    Map<String, List<ContractVersion>> bySchema = new java.util.LinkedHashMap<>();
    for (ContractVersion version : versions) {
      bySchema.computeIfAbsent(SchemaFingerprints.identity(SchemaFingerprints.parse(version.avroSchema())),
          k -> new ArrayList<>()).add(version);
    }
    if (bySchema.size() > 1) {
      throw new AlreadyExistsException("CRC-64 fingerprint %s names %d different writer"
          + " schemas (they differ in logical types, precision or scale; identities %s): ask by identity,"
          + " GET /api/v1/schemas/{identity}", normalized, bySchema.size(), bySchema.keySet());
    }
    Map.Entry<String, List<ContractVersion>> only = bySchema.entrySet().iterator().next();
    ContractVersion first = only.getValue().getFirst();
    return new SchemaByFingerprint(first.fingerprint(), only.getKey(), first.avroSchema(),
        versions.stream().map(v -> new SchemaUse(v.domain(), v.product(), v.version())).toList());
  }

  private Product requireProduct(String domain, String name) {
    return products.find(domain, name)
        .orElseThrow(() -> new NotFoundException("No such product: %s.%s", domain, name));
  }

  private OutputTable outputTable(String domain, Product.OutputPort port, String quality, QualityTrend trend) {
    try {
      Table table = catalogs.get(domain).catalog().loadTable(TableIdentifier.of(port.namespace(), port.table()));
      Snapshot snapshot = table.currentSnapshot();
      return new OutputTable(port.namespace(), port.table(), table.location(),
          snapshot == null ? null : snapshot.snapshotId(),
          snapshot == null ? null : Instant.ofEpochMilli(snapshot.timestampMillis()),
          snapshot == null ? Map.of() : snapshot.summary(), quality, trend, null);
    } catch (org.apache.iceberg.exceptions.NoSuchTableException e) {
      // registered before its first run: a state of a new product, not a failure of the catalog
      return new OutputTable(port.namespace(), port.table(), null, null, null, Map.of(), quality, trend,
          "not created yet: the product has not written this table");
    } catch (RuntimeException e) {
      return new OutputTable(port.namespace(), port.table(), null, null, null, Map.of(), quality, trend, e.getMessage());
    }
  }

  private static String overall(List<OutputTable> tables) {
    if (tables.stream().anyMatch(t -> t.qualityStatus().equals("failing"))) {
      return "failing";
    }
    if (!tables.isEmpty() && tables.stream().allMatch(t -> t.qualityStatus().equals("passing"))) {
      return "passing";
    }
    return "unknown";
  }

  private static CatalogResource product(String domain, String name) {
    return CatalogResource.namespace(domain, List.of(name));
  }
}

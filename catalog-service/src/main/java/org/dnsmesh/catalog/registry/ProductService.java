package org.dnsmesh.catalog.registry;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.dnsmesh.catalog.auth.Operation;
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

  public ProductService(ProductRepository products, DomainRepository domains, DomainCatalogs catalogs,
      LineageService lineage, Authorizer authorizer) {
    this.products = products;
    this.domains = domains;
    this.catalogs = catalogs;
    this.lineage = lineage;
    this.authorizer = authorizer;
  }

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
    products.upsert(request);
    return products.find(request.domain(), request.name()).orElseThrow();
  }

  public ContractVersion publishContract(Caller caller, String domain, String product, PublishContractRequest request) {
    authorizer.authorizeOrThrow(caller, Operation.PUBLISH_PRODUCT, product(domain, product));
    requireProduct(domain, product);
    if (request == null || request.version() == null || !SEMVER.matcher(request.version()).matches()) {
      throw new BadRequestException("Invalid contract version '%s': expected semantic version MAJOR.MINOR.PATCH",
          request == null ? null : request.version());
    }
    if (request.document() == null || request.document().isBlank()) {
      throw new BadRequestException("Missing document: the ODCS contract as published");
    }
    Schema schema = SchemaFingerprints.parse(request.avroSchema());
    SchemaFingerprints.refuseCollision(domain, product, request.version(), schema, products.contracts(domain, product));
    ContractVersion contract = new ContractVersion(domain, product, request.version(), request.document(),
        request.avroSchema(), SchemaFingerprints.of(schema), caller.subject(), Instant.now());
    if (products.insertContract(contract)) {
      return contract;
    }
    ContractVersion existing = products.contract(domain, product, request.version()).orElseThrow();
    if (existing.document().equals(contract.document()) && existing.avroSchema().equals(contract.avroSchema())) {
      return existing; // the same publication repeated
    }
    throw new AlreadyExistsException(
        "Contract version %s of %s.%s is already published and immutable: publish a new version", request.version(),
        domain, product);
  }

  public ContractVersionView contract(Caller caller, String domain, String product, String version) {
    authorizer.authorizeOrThrow(caller, Operation.READ_PRODUCT, product(domain, product));
    ContractVersion contract = products.contract(domain, product, version).orElseThrow(
        () -> new NotFoundException("No contract version %s of %s.%s", version, domain, product));
    return ContractVersionView.of(contract,
        ContractLifecycle.of(java.util.Optional.ofNullable(products.sunsets(domain, product).get(version)), CLOCK));
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
      graphs.add(lineage.graph(caller, dataset, lineageDepth, LineageService.Direction.BOTH));
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

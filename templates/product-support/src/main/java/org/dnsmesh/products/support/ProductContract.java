package org.dnsmesh.products.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.dnsmesh.contracts.AvroSchemas;
import org.dnsmesh.contracts.ContractValidator;
import org.dnsmesh.contracts.CustomPropertyKeys;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.Finding;
import org.dnsmesh.contracts.SamplingDeclaration;
import org.dnsmesh.contracts.model.CustomProperties;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.contracts.model.QualityRule;
import org.dnsmesh.contracts.model.SchemaObject;
import org.dnsmesh.contracts.model.SchemaProperty;
import org.dnsmesh.productkit.normalize.LocalNameTraffic;
import org.dnsmesh.productkit.pseudonymize.ColumnTreatment;
import org.dnsmesh.productkit.pseudonymize.Treatment;
import org.dnsmesh.productkit.sample.StratifiedSampler;
import org.dnsmesh.productkit.transport.TopicName;
import org.dnsmesh.productkit.validate.FieldRule;
import org.dnsmesh.productkit.validate.FieldType;
import org.dnsmesh.productkit.validate.Presence;
import org.dnsmesh.productkit.validate.RecordValidator;
import org.dnsmesh.productkit.write.TableLayout;

/**
 * One schema object of a product's ODCS contract, bound to what the product kit needs: the Avro schema (contracts'
 * mapping), validation rules, privacy treatments, table layout and Kafka topic. The contract is the single place
 * these are stated; products do not repeat them in code.
 */
public record ProductContract(DataContract contract, SchemaObject object, String source) {

  /** Identifier columns the kit's normalised rows carry; each leaves ingest only as the contract says. */
  public static final Set<String> IDENTIFIER_COLUMNS = Set.of("client_ip", "server_ip", "source_uid");

  public ProductContract {
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(source, "source");
  }

  /** Reads, validates (zero findings required) and binds {@code objectName} of the contract at {@code file}. */
  public static ProductContract load(Path file, String objectName) {
    List<Finding> findings = ContractValidator.validate(file);
    if (!findings.isEmpty()) {
      throw new IllegalArgumentException("contract " + file + " is invalid:\n" + join(findings));
    }
    return bind(DataContracts.read(file), objectName, file.toString());
  }

  /** As {@link #load(Path, String)} for a contract on the classpath (products ship theirs as a resource). */
  public static ProductContract fromResource(Class<?> anchor, String resource, String objectName) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("contract resource " + resource + " not found beside " + anchor.getName());
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<Finding> findings = ContractValidator.validate(text, resource);
      if (!findings.isEmpty()) {
        throw new IllegalArgumentException("contract " + resource + " is invalid:\n" + join(findings));
      }
      return bind(DataContracts.parse(text, resource), objectName, resource);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read contract resource " + resource, e);
    }
  }

  private static ProductContract bind(DataContract contract, String objectName, String source) {
    SchemaObject object = contract.schemaObject(objectName).orElseThrow(() -> new IllegalArgumentException(
        "contract " + source + " has no schema object '" + objectName + "'"));
    return new ProductContract(contract, object, source);
  }

  private static String join(List<Finding> findings) {
    StringBuilder out = new StringBuilder();
    findings.forEach(f -> out.append("  ").append(f).append('\n'));
    return out.toString();
  }

  public String domain() {
    return contract.domain();
  }

  public String version() {
    return contract.version();
  }

  public String productName() {
    return contract.name();
  }

  public Schema avroSchema() {
    return AvroSchemas.of(contract, object.name());
  }

  public TopicName topic() {
    return TopicName.parse(custom(CustomPropertyKeys.KAFKA_TOPIC));
  }

  /** Output table {@code <domain>.<object>}; the quarantine table is {@code <object>_quarantine} beside it. */
  /**
   * Link-local traffic the product leaves out at ingest ({@code customProperties.excludeTraffic} of the schema
   * object: {@code [netbios, mdns, llmnr]}); empty when the contract names none.
   */
  public Set<LocalNameTraffic> excludedTraffic() {
    Set<LocalNameTraffic> kinds = java.util.EnumSet.noneOf(LocalNameTraffic.class);
    for (String name : CustomProperties.strings(object.customProperties(), CustomPropertyKeys.EXCLUDE_TRAFFIC)) {
      try {
        kinds.add(LocalNameTraffic.fromContractName(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("contract " + source + ", schema object '" + object.name()
            + "', customProperties." + CustomPropertyKeys.EXCLUDE_TRAFFIC + ": " + e.getMessage(), e);
      }
    }
    return kinds;
  }

  /**
   * The stratified sample the schema object declares ({@code customProperties.sampling}), if any: keep-all rules,
   * a rate per stratum, the column each kept row records its rate in. Empty: every row is kept.
   */
  public java.util.Optional<StratifiedSampler> sampler() {
    try {
      return SamplingDeclaration.of(object).map(d -> new StratifiedSampler(d.rate(), d.keyColumn(), d.rateColumn(),
          d.salt(), d.strata(), d.strataRates().stream()
              .map(r -> new StratifiedSampler.StratumRate(r.when(), r.rate())).toList(), d.keepAll()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("contract " + source + ": " + e.getMessage(), e);
    }
  }

  public TableIdentifier table() {
    return TableIdentifier.of(domain(), object.name());
  }

  public TableLayout layout() {
    List<String> sort = new ArrayList<>();
    for (String entry : CustomProperties.strings(object.customProperties(), CustomPropertyKeys.SORT_ORDER)) {
      // The kit takes "column [desc]"; contracts may say "asc" and null ordering, which is the default here.
      String[] words = entry.trim().split("\\s+");
      sort.add(words.length > 1 && words[1].equalsIgnoreCase("desc") ? words[0] + " desc" : words[0]);
    }
    return new TableLayout(CustomProperties.strings(object.customProperties(), CustomPropertyKeys.PARTITIONING),
        sort);
  }

  /** Validation rules: type, required, logicalTypeOptions (minimum, maximum, pattern, maxLength), valid values. */
  public RecordValidator validator() {
    List<FieldRule> rules = new ArrayList<>();
    for (SchemaProperty p : object.properties()) {
      FieldRule rule = FieldRule.of(p.name(), fieldType(p), p.requiredOrFalse() ? Presence.REQUIRED : Presence.OPTIONAL);
      Map<String, Object> options = p.logicalTypeOptions();
      if (options != null) {
        Double min = number(options.get("minimum"));
        Double max = number(options.get("maximum"));
        if (min != null || max != null) {
          rule = rule.range(min, max);
        }
        if (options.get("pattern") instanceof String pattern) {
          rule = rule.matching(pattern);
        }
        if (options.get("maxLength") instanceof Number length) {
          rule = rule.maxLength(length.intValue());
        }
      }
      Set<String> valid = validValues(p);
      if (!valid.isEmpty()) {
        rule = rule.allowed(valid);
      }
      rules.add(rule);
    }
    return new RecordValidator(rules);
  }

  /**
   * Privacy treatments from the classification: a {@code pseudonymous} column with {@code pseudonymisation:
   * hmac-sha256} becomes the HMAC of its {@code pseudonymisationSource}; a {@code pii} identifier column with
   * {@code maskingRule: ip-prefix} is stored truncated (/24, /48); an identifier column the contract lists as
   * {@code internal} or {@code public} passes clear. Any identifier column not named this way is dropped.
   */
  public List<ColumnTreatment> treatments() {
    List<ColumnTreatment> out = new ArrayList<>();
    Set<String> handled = new HashSet<>();
    for (SchemaProperty p : object.properties()) {
      String classification = p.classification() == null ? "" : p.classification();
      String masking = CustomProperties.string(p.customProperties(), CustomPropertyKeys.MASKING_RULE).orElse(null);
      switch (classification) {
        case "pseudonymous" -> {
          String from = CustomProperties.string(p.customProperties(), CustomPropertyKeys.PSEUDONYMISATION_SOURCE)
              .orElseThrow(() -> new IllegalArgumentException("column '" + p.name() + "' in " + source
                  + " is pseudonymous but names no pseudonymisationSource"));
          out.add(new ColumnTreatment(from, p.name(), Treatment.HMAC));
          handled.add(from);
        }
        case "pii" -> {
          if (IDENTIFIER_COLUMNS.contains(p.name()) && "ip-prefix".equals(masking)) {
            out.add(ColumnTreatment.inPlace(p.name(), Treatment.TRUNCATE));
            handled.add(p.name());
          } else if (IDENTIFIER_COLUMNS.contains(p.name())) {
            throw new IllegalArgumentException("column '" + p.name() + "' in " + source
                + " is pii: only maskingRule ip-prefix can be applied at ingest");
          }
        }
        case "internal", "public" -> {
          if (IDENTIFIER_COLUMNS.contains(p.name())) {
            out.add(ColumnTreatment.inPlace(p.name(), Treatment.CLEAR));
            handled.add(p.name());
          }
        }
        default -> { }
      }
    }
    for (String identifier : IDENTIFIER_COLUMNS) {
      if (!handled.contains(identifier)) {
        out.add(ColumnTreatment.inPlace(identifier, Treatment.DROP));
      }
    }
    return List.copyOf(out);
  }

  private String custom(String key) {
    return CustomProperties.string(object.customProperties(), key).orElseThrow(() -> new IllegalArgumentException(
        "schema object '" + object.name() + "' in " + source + " has no customProperties." + key));
  }

  private static FieldType fieldType(SchemaProperty p) {
    return switch (p.logicalType() == null ? "" : p.logicalType()) {
      case "string" -> FieldType.STRING;
      case "integer" -> FieldType.INTEGER;
      case "number" -> FieldType.NUMBER;
      case "boolean" -> FieldType.BOOLEAN;
      case "timestamp" -> FieldType.TIMESTAMP;
      case "array" -> FieldType.ARRAY;
      default -> throw new IllegalArgumentException("column '" + p.name() + "': logicalType '" + p.logicalType()
          + "' is not supported by the product kit");
    };
  }

  /** Valid values from a property-level {@code invalidValues} quality rule ({@code arguments.validValues}). */
  private static Set<String> validValues(SchemaProperty p) {
    Set<String> out = new LinkedHashSet<>();
    for (QualityRule q : p.quality()) {
      if ("invalidValues".equals(q.metric()) && q.arguments() != null
          && q.arguments().get("validValues") instanceof List<?> values) {
        values.forEach(v -> out.add(String.valueOf(v)));
      }
    }
    out.addAll(CustomProperties.strings(p.customProperties(), CustomPropertyKeys.ENUM_SYMBOLS));
    return out;
  }

  private static Double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : null;
  }
}

package org.dnsmesh.productcli.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.dnsmesh.contracts.AvroSchemas;
import org.dnsmesh.contracts.Classification;
import org.dnsmesh.contracts.CustomPropertyKeys;
import org.dnsmesh.contracts.Fingerprints;
import org.dnsmesh.contracts.SlaValues;
import org.dnsmesh.contracts.model.CustomProperties;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.contracts.model.SchemaObject;
import org.dnsmesh.contracts.model.SchemaProperty;
import org.dnsmesh.contracts.model.SlaProperty;
import org.dnsmesh.contracts.model.TeamMember;

/**
 * What {@code mesh product publish} sends to the catalog's registry, derived from one valid ODCS contract: the
 * product ({@code POST /api/v1/products}) and its contract version ({@code POST .../contracts}). Body shapes are
 * the catalog's {@code Product} and {@code PublishContractRequest} records.
 *
 * <p>Output ports are the Iceberg tables the contract's schema objects land in ({@code <domain>.<object>}, as
 * the product kit writes them) with their quarantine tables, plus any extra tables the caller names (derived
 * tables); input ports are the objects' Kafka topics ({@code topic:<name>}) plus named upstream products.
 */
public record ProductRegistration(
    String domain,
    String name,
    String description,
    String ownerTeam,
    String ownerContact,
    List<String> tags,
    String status,
    String classification,
    Map<String, Object> sla,
    List<Map<String, String>> outputPorts,
    List<String> inputPorts,
    List<Map<String, String>> columns,
    String version,
    String avroSchema,
    String fingerprint) {

  public ProductRegistration {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(avroSchema, "avroSchema");
    tags = List.copyOf(tags);
    outputPorts = List.copyOf(outputPorts);
    inputPorts = List.copyOf(inputPorts);
    columns = List.copyOf(columns);
    sla = Map.copyOf(sla);
  }

  /**
   * @param extraOutputTables more output tables as {@code namespace.table} (derived tables of the product)
   * @param extraInputPorts more input ports: upstream products {@code domain.product} or {@code topic:<name>}
   */
  public static ProductRegistration of(DataContract contract, List<String> extraOutputTables,
      List<String> extraInputPorts) {
    if (contract.domain() == null || contract.domain().isBlank()) {
      throw new IllegalArgumentException("the contract names no domain: set 'domain' (e.g. na)");
    }
    if (contract.schema().isEmpty()) {
      throw new IllegalArgumentException("the contract has no schema object: nothing to publish");
    }
    String domain = contract.domain();
    String name = contract.dataProduct() != null && !contract.dataProduct().isBlank()
        ? contract.dataProduct() : contract.name();
    List<Map<String, String>> outputs = new ArrayList<>();
    LinkedHashSet<String> inputs = new LinkedHashSet<>();
    List<Map<String, String>> columns = new ArrayList<>();
    Classification mostProtected = Classification.PUBLIC;
    for (SchemaObject object : contract.schema()) {
      outputs.add(port(domain, object.name()));
      outputs.add(port(domain, object.name() + "_quarantine"));
      CustomProperties.strings(object.customProperties(), CustomPropertyKeys.KAFKA_TOPIC)
          .forEach(topic -> inputs.add("topic:" + topic));
      for (SchemaProperty property : object.properties()) {
        Map<String, String> column = new LinkedHashMap<>();
        column.put("name", property.name());
        column.put("description", property.description() == null ? "" : property.description());
        columns.add(column);
        Optional<Classification> classification = Classification.parse(property.classification());
        if (classification.isPresent() && classification.get().protectionLevel() > mostProtected.protectionLevel()) {
          mostProtected = classification.get();
        }
      }
    }
    for (String table : extraOutputTables) {
      String[] parts = table.split("\\.");
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new IllegalArgumentException("output table '" + table + "' must be namespace.table, e.g. na.dns_daily_summary");
      }
      outputs.add(port(parts[0], parts[1]));
    }
    inputs.addAll(extraInputPorts);
    Schema avro = AvroSchemas.of(contract, contract.schema().getFirst());
    return new ProductRegistration(domain, name, purpose(contract), owner(contract), contact(contract),
        contract.tags(), status(contract.status()), mostProtected.value(), sla(contract), outputs,
        List.copyOf(inputs), columns, contract.version(), avro.toString(), Fingerprints.of(avro).crc64Hex());
  }

  /** The body of {@code POST /api/v1/products}. */
  public Map<String, Object> productBody() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("domain", domain);
    body.put("name", name);
    body.put("description", description);
    body.put("ownerTeam", ownerTeam);
    body.put("ownerContact", ownerContact);
    body.put("tags", tags);
    body.put("status", status);
    body.put("classification", classification);
    body.put("sla", sla);
    body.put("outputPorts", outputPorts);
    body.put("inputPorts", inputPorts);
    body.put("columns", columns);
    return body;
  }

  /** This registration with further ports after its own (duplicates dropped). */
  public ProductRegistration withMorePorts(List<Map<String, String>> moreOutputs, List<String> moreInputs) {
    List<Map<String, String>> outputs = new ArrayList<>(outputPorts);
    moreOutputs.stream().filter(port -> !outputs.contains(port)).forEach(outputs::add);
    LinkedHashSet<String> inputs = new LinkedHashSet<>(inputPorts);
    inputs.addAll(moreInputs);
    return new ProductRegistration(domain, name, description, ownerTeam, ownerContact, tags, status, classification, sla,
        outputs, List.copyOf(inputs), columns, version, avroSchema, fingerprint);
  }

  /** Output ports as {@code namespace.table}. */
  public List<String> outputTables() {
    return outputPorts.stream().map(port -> port.get("namespace") + "." + port.get("table")).toList();
  }

  private static Map<String, String> port(String namespace, String table) {
    Map<String, String> port = new LinkedHashMap<>();
    port.put("namespace", namespace);
    port.put("table", table);
    return port;
  }

  private static String purpose(DataContract contract) {
    if (contract.description() == null) {
      return "";
    }
    return Objects.requireNonNullElse(contract.description().purpose(), "");
  }

  private static String owner(DataContract contract) {
    return contract.team() == null ? "" : Objects.requireNonNullElse(contract.team().name(), "");
  }

  /** The member with role owner (their username, an address), else the first support channel's URL. */
  private static String contact(DataContract contract) {
    if (contract.team() != null) {
      for (TeamMember member : contract.team().members()) {
        if ("owner".equalsIgnoreCase(member.role()) && member.username() != null) {
          return member.username();
        }
      }
    }
    return contract.support().stream().map(channel -> channel.url()).filter(Objects::nonNull).findFirst().orElse("");
  }

  /** ODCS statuses to the registry's: {@code proposed} is still a draft there; unknown ones stay as they are (the catalog refuses them). */
  private static String status(String status) {
    if (status == null || status.equalsIgnoreCase("proposed")) {
      return "draft";
    }
    return status.toLowerCase(java.util.Locale.ROOT);
  }

  /** SLA properties: durations as ISO-8601 ({@code PT15M}), percentages as numbers, others as written. */
  private static Map<String, Object> sla(DataContract contract) {
    Map<String, Object> sla = new LinkedHashMap<>();
    for (SlaProperty property : contract.slaProperties()) {
      if (property.property() == null) {
        continue;
      }
      String key = property.property();
      if (SlaValues.isDuration(key) && SlaValues.duration(property).isPresent()) {
        sla.put(key, SlaValues.duration(property).get().toString());
      } else if (SlaValues.isPercent(key) && SlaValues.percent(property).isPresent()) {
        sla.put(key, SlaValues.percent(property).get());
      } else if (property.value() != null) {
        sla.put(key, property.unit() == null ? property.value() : property.value() + " " + property.unit());
      }
    }
    return sla;
  }
}

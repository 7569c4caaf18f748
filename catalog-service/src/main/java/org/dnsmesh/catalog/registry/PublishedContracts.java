package org.dnsmesh.catalog.registry;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.iceberg.exceptions.BadRequestException;
import org.dnsmesh.contracts.AvroSchemas;
import org.dnsmesh.contracts.ContractValidator;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.Finding;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.contracts.model.SchemaObject;

/**
 * Server-side validation of a contract version published directly: the server never relies on the CLI having
 * validated. The document must be a valid ODCS contract (official JSON Schema and the project's rules, via the
 * contracts toolkit) of this domain with this version, and the Avro schema must be the record schema the
 * contract derives for one of its objects (so the contract guard always has a record to check commits against).
 */
final class PublishedContracts {
  private static final int MAX_FINDINGS_SHOWN = 10;

  private PublishedContracts() {}

  /** The validated Avro record schema; any problem is a 400 naming it and where. */
  static Schema validate(String domain, String product, String version, String document, String avroSchema) {
    String source = domain + "." + product + " " + version;
    List<Finding> errors;
    DataContract contract;
    try {
      errors = ContractValidator.validate(document, source).stream().filter(Finding::isError).toList();
      if (errors.isEmpty()) {
        contract = DataContracts.parse(document, source);
      } else {
        contract = null;
      }
    } catch (RuntimeException e) {
      throw new BadRequestException("Invalid contract document of %s: %s", source, e.getMessage());
    }
    if (!errors.isEmpty()) {
      throw new BadRequestException("Invalid contract document: %d finding(s): %s", errors.size(),
          errors.stream().limit(MAX_FINDINGS_SHOWN).map(Finding::toString).collect(Collectors.joining("; ")));
    }
    if (!version.equals(contract.version())) {
      throw new BadRequestException("Invalid contract document of %s: /version is '%s', not the published version '%s'",
          source, contract.version(), version);
    }
    if (contract.domain() != null && !contract.domain().equals(domain)) {
      throw new BadRequestException("Invalid contract document of %s: /domain '%s' is not the product's domain '%s'",
          source, contract.domain(), domain);
    }
    if (contract.schema().isEmpty()) {
      throw new BadRequestException("Invalid contract document of %s: /schema is empty: a contract needs a schema object", source);
    }
    Schema schema = SchemaFingerprints.parse(avroSchema);
    if (schema.getType() != Schema.Type.RECORD) {
      throw new BadRequestException("Invalid avroSchema of %s: a %s schema, expected the record schema of a contract object",
          source, schema.getType().getName());
    }
    Map<String, Schema> derived = AvroSchemas.all(contract);
    long fingerprint = org.apache.avro.SchemaNormalization.parsingFingerprint64(schema);
    if (derived.values().stream().noneMatch(d -> org.apache.avro.SchemaNormalization.parsingFingerprint64(d) == fingerprint)) {
      throw new BadRequestException("Invalid avroSchema of %s: it is not the record schema the contract derives for any of "
          + "its objects %s (mesh contract avro prints it)", source, derived.keySet());
    }
    return schema;
  }

  /** Names (and physical names) of the contract's schema objects; empty for a document that does not parse. */
  static Set<String> objectNames(String document) {
    Set<String> names = new LinkedHashSet<>();
    try {
      for (SchemaObject object : DataContracts.parse(document, "published contract").schema()) {
        names.add(object.name());
        if (object.physicalName() != null) {
          names.add(object.physicalName());
        }
      }
    } catch (RuntimeException e) {
      // a legacy unparseable document: it covers no port by name
    }
    return names;
  }
}

package org.dnsmesh.catalog.registry;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.iceberg.MetadataUpdate;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Enforces contracts at the catalog: a commit that changes the schema of a product's output table must
 * keep every field of the product's active (latest) contract version with a compatible type, and may not
 * add required columns the contract does not have. A violation answers 409 naming product, version and
 * field.
 */
@ApplicationScoped
public class ContractGuard {
  private final ProductRepository products;

  public ContractGuard(ProductRepository products) {
    this.products = products;
  }

  public void check(String domain, TableIdentifier table, List<MetadataUpdate> updates) {
    List<org.apache.iceberg.Schema> newSchemas = updates.stream()
        .filter(MetadataUpdate.AddSchema.class::isInstance)
        .map(update -> ((MetadataUpdate.AddSchema) update).schema())
        .toList();
    if (newSchemas.isEmpty() || table.namespace().levels().length != 1) {
      return;
    }
    Optional<ActiveContract> active = activeContract(domain, table);
    if (active.isEmpty()) {
      return;
    }
    for (org.apache.iceberg.Schema schema : newSchemas) {
      violation(active.get().schema(), schema).ifPresent(reason -> {
        throw new ContractViolationException(String.format(
            "Commit to %s.%s refused: it breaks contract %s of product %s.%s: %s. Get a new contract version approved first.",
            domain, table, active.get().version(), domain, active.get().product(), reason));
      });
    }
  }

  private record ActiveContract(String product, String version, Schema schema) {}

  private Optional<ActiveContract> activeContract(String domain, TableIdentifier table) {
    String namespace = table.namespace().level(0);
    return products.productsWithOutput(domain, namespace, table.name()).stream()
        .flatMap(product -> products.contracts(domain, product).stream())
        .max(Comparator.comparing(ContractVersion::publishedAt))
        .flatMap(contract -> {
          int ports = products.find(domain, contract.product()).map(p -> p.outputPorts().size()).orElse(1);
          return describedBy(contract, table.name(), ports)
              .map(schema -> new ActiveContract(contract.product(), contract.version(), schema));
        });
  }

  /**
   * The Avro record a contract version gives {@code table}: that of its schema object named (physical name or name)
   * as the table (the version's own record when it is that object); for a product with one output table and a
   * contract with one object, the version's own record; otherwise none: the table is an output the contract does not
   * describe column by column (a derived table such as {@code dns_daily_summary}), which the raw table's record must
   * not be checked against. A document that does not parse falls back to the version's own record (fail closed).
   */
  static Optional<Schema> describedBy(ContractVersion version, String table, int outputPorts) {
    Schema own = SchemaFingerprints.parse(version.avroSchema());
    org.dnsmesh.contracts.model.DataContract contract;
    try {
      contract = org.dnsmesh.contracts.DataContracts.parse(version.document(),
          version.domain() + "." + version.product() + " " + version.version());
    } catch (RuntimeException e) {
      return Optional.of(own);
    }
    Optional<org.dnsmesh.contracts.model.SchemaObject> object = contract.schema().stream()
        .filter(o -> table.equals(o.physicalName()) || table.equals(o.name())).findFirst();
    if (object.isPresent()) {
      if (own.getType() == Schema.Type.RECORD && own.getName().equals(object.get().name())) {
        return Optional.of(own);
      }
      return Optional.of(org.dnsmesh.contracts.AvroSchemas.of(contract, object.get()));
    }
    return outputPorts == 1 && contract.schema().size() == 1 ? Optional.of(own) : Optional.empty();
  }

  /** Why the table schema breaks the contract's Avro record, if it does. */
  static Optional<String> violation(Schema contract, org.apache.iceberg.Schema table) {
    if (contract.getType() != Schema.Type.RECORD) {
      // fail closed: a contract without a record schema cannot vouch for any table schema
      return Optional.of("the contract's Avro schema is a " + contract.getType().getName()
          + ", not a record, so no schema change can be checked against it");
    }
    Set<String> contracted = new HashSet<>();
    for (Schema.Field field : contract.getFields()) {
      contracted.add(field.name());
      Types.NestedField column = table.findField(field.name());
      if (column == null) {
        return Optional.of("field '" + field.name() + "' would be dropped");
      }
      Schema avro = nonNull(field.schema());
      if (!compatible(avro, column.type())) {
        return Optional.of("field '" + field.name() + "' would be retyped from " + avro.getType().getName()
            + " to " + column.type());
      }
      if (column.isRequired() && nullable(field.schema())) {
        return Optional.of("field '" + field.name() + "' would become required");
      }
    }
    for (Types.NestedField column : table.columns()) {
      if (column.isRequired() && !contracted.contains(column.name())) {
        return Optional.of("required column '" + column.name() + "' would be added");
      }
    }
    return Optional.empty();
  }

  private static boolean nullable(Schema schema) {
    return schema.getType() == Schema.Type.UNION
        && schema.getTypes().stream().anyMatch(branch -> branch.getType() == Schema.Type.NULL);
  }

  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    List<Schema> branches = schema.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
    return branches.size() == 1 ? branches.getFirst() : schema;
  }

  /** Whether a reader of the contract type can read the column (widening allowed). */
  private static boolean compatible(Schema avro, Type type) {
    LogicalType logical = avro.getLogicalType();
    if (logical instanceof LogicalTypes.Date) {
      return type.typeId() == Type.TypeID.DATE;
    }
    if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros
        || logical instanceof LogicalTypes.LocalTimestampMillis || logical instanceof LogicalTypes.LocalTimestampMicros) {
      return type.typeId() == Type.TypeID.TIMESTAMP || type.typeId() == Type.TypeID.TIMESTAMP_NANO;
    }
    if (logical instanceof LogicalTypes.Decimal) {
      return type.typeId() == Type.TypeID.DECIMAL;
    }
    if (logical != null && logical.getName().equals("uuid")) {
      return type.typeId() == Type.TypeID.UUID || type.typeId() == Type.TypeID.STRING;
    }
    return switch (avro.getType()) {
      case STRING, ENUM -> type.typeId() == Type.TypeID.STRING;
      case INT -> type.typeId() == Type.TypeID.INTEGER || type.typeId() == Type.TypeID.LONG;
      case LONG -> type.typeId() == Type.TypeID.LONG;
      case FLOAT -> type.typeId() == Type.TypeID.FLOAT || type.typeId() == Type.TypeID.DOUBLE;
      case DOUBLE -> type.typeId() == Type.TypeID.DOUBLE;
      case BOOLEAN -> type.typeId() == Type.TypeID.BOOLEAN;
      case BYTES -> type.typeId() == Type.TypeID.BINARY;
      case FIXED -> type.typeId() == Type.TypeID.FIXED || type.typeId() == Type.TypeID.BINARY;
      case RECORD -> type.typeId() == Type.TypeID.STRUCT;
      case ARRAY -> type.typeId() == Type.TypeID.LIST;
      case MAP -> type.typeId() == Type.TypeID.MAP;
      case UNION, NULL -> true;
    };
  }
}

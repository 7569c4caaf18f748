package org.dnsmesh.catalog.governance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.dnsmesh.contracts.AvroSchemas;
import org.dnsmesh.contracts.CustomPropertyKeys;
import org.dnsmesh.contracts.model.CustomProperties;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.contracts.model.SchemaObject;
import org.dnsmesh.contracts.model.SchemaProperty;
import org.dnsmesh.governance.policy.Classification;
import org.dnsmesh.governance.policy.ColumnInfo;
import org.dnsmesh.governance.workflow.PolicyLint;

/**
 * A contract's top-level columns as governance sees them: name, Trino type, classification and tags. Types
 * come from the contract's Avro mapping, or from the live Iceberg table when it exists (a mask must return
 * exactly the table column's type). A {@code pii} column with {@code maskingRule: ip-prefix} carries the
 * policy's {@code client-ip} tag.
 */
final class ContractColumns {
  static final String CLIENT_IP_TAG = "client-ip";
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

  private ContractColumns() {}

  static List<PolicyLint.DeclaredColumn> declared(DataContract contract, SchemaObject object) {
    Schema avro = AvroSchemas.of(contract, object);
    List<PolicyLint.DeclaredColumn> columns = new ArrayList<>();
    for (SchemaProperty property : object.properties()) {
      Schema.Field field = avro.getField(property.name());
      String type = field == null ? "varchar" : trinoType(field.schema());
      columns.add(new PolicyLint.DeclaredColumn(property.name(), type, classification(property), tags(property)));
    }
    return columns;
  }

  /** Columns for the Trino rules: the table's own columns when known, classified by the contract; unknown ones as pii. */
  static List<ColumnInfo> classified(DataContract contract, SchemaObject object, Optional<org.apache.iceberg.Schema> table) {
    List<ColumnInfo> columns = new ArrayList<>();
    if (table.isPresent()) {
      for (Types.NestedField field : table.get().columns()) {
        if (!IDENTIFIER.matcher(field.name()).matches()) {
          continue;
        }
        Optional<SchemaProperty> property = object.property(field.name());
        // a column the contract does not describe is protected like the most sensitive data (deny by default)
        Classification classification = property.flatMap(ContractColumns::classification).orElse(Classification.PII);
        columns.add(new ColumnInfo(field.name(), trinoType(field.type()), classification,
            property.map(ContractColumns::tags).orElse(Set.of())));
      }
      return columns;
    }
    for (PolicyLint.DeclaredColumn declared : declared(contract, object)) {
      if (IDENTIFIER.matcher(declared.name()).matches()) {
        columns.add(new ColumnInfo(declared.name(), declared.type(), declared.classification().orElse(Classification.PII),
            declared.tags()));
      }
    }
    return columns;
  }

  static Optional<Classification> classification(SchemaProperty property) {
    return org.dnsmesh.contracts.Classification.parse(property.classification())
        .map(c -> Classification.valueOf(c.name()));
  }

  static Set<String> tags(SchemaProperty property) {
    Set<String> tags = new LinkedHashSet<>(property.tags());
    CustomProperties.string(property.customProperties(), CustomPropertyKeys.MASKING_RULE)
        .filter("ip-prefix"::equals)
        .ifPresent(rule -> tags.add(CLIENT_IP_TAG));
    return tags;
  }

  static String trinoType(Schema schema) {
    Schema type = schema;
    if (type.getType() == Schema.Type.UNION) {
      type = type.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElse(type);
    }
    LogicalType logical = type.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal decimal) {
      return "decimal(" + decimal.getPrecision() + ", " + decimal.getScale() + ")";
    }
    if (logical instanceof LogicalTypes.Date) {
      return "date";
    }
    if (logical instanceof LogicalTypes.TimestampMicros || logical instanceof LogicalTypes.TimestampMillis) {
      return "timestamp(6) with time zone";
    }
    if (logical instanceof LogicalTypes.LocalTimestampMicros || logical instanceof LogicalTypes.LocalTimestampMillis) {
      return "timestamp(6)";
    }
    if (logical instanceof LogicalTypes.TimeMicros || logical instanceof LogicalTypes.TimeMillis) {
      return "time(6)";
    }
    return switch (type.getType()) {
      case STRING, ENUM -> "varchar";
      case INT -> "integer";
      case LONG -> "bigint";
      case FLOAT -> "real";
      case DOUBLE -> "double";
      case BOOLEAN -> "boolean";
      case BYTES, FIXED -> "varbinary";
      case ARRAY -> "array(" + trinoType(type.getElementType()) + ")"; // a mask casts to the column's exact type
      case RECORD, MAP, UNION, NULL -> type.getType().getName().toLowerCase(Locale.ROOT);
    };
  }

  static String trinoType(Type type) {
    return switch (type.typeId()) {
      case STRING -> "varchar";
      case INTEGER -> "integer";
      case LONG -> "bigint";
      case FLOAT -> "real";
      case DOUBLE -> "double";
      case BOOLEAN -> "boolean";
      case DATE -> "date";
      case TIME -> "time(6)";
      case TIMESTAMP -> ((Types.TimestampType) type).shouldAdjustToUTC() ? "timestamp(6) with time zone" : "timestamp(6)";
      case DECIMAL -> "decimal(" + ((Types.DecimalType) type).precision() + ", " + ((Types.DecimalType) type).scale() + ")";
      case UUID -> "uuid";
      case BINARY, FIXED -> "varbinary";
      case LIST -> "array(" + trinoType(type.asListType().elementType()) + ")";
      default -> type.typeId().name().toLowerCase(Locale.ROOT);
    };
  }
}

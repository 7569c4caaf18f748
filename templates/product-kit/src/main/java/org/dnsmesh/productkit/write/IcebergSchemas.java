package org.dnsmesh.productkit.write;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Avro record schema to Iceberg schema for the types contracts use. Avro {@code timestamp-micros/millis} become
 * {@code timestamptz} (event times are instants), a union with null makes a column optional.
 */
public final class IcebergSchemas {

  private IcebergSchemas() {}

  public static Schema fromAvro(org.apache.avro.Schema avro) {
    AtomicInteger ids = new AtomicInteger(0);
    List<Types.NestedField> fields = new ArrayList<>();
    for (org.apache.avro.Schema.Field field : avro.getFields()) {
      fields.add(field(ids, field.name(), field.schema(), field.doc()));
    }
    return new Schema(fields);
  }

  private static Types.NestedField field(AtomicInteger ids, String name, org.apache.avro.Schema schema, String doc) {
    int id = ids.incrementAndGet();
    boolean optional = false;
    org.apache.avro.Schema effective = schema;
    if (schema.getType() == org.apache.avro.Schema.Type.UNION) {
      optional = schema.getTypes().stream().anyMatch(s -> s.getType() == org.apache.avro.Schema.Type.NULL);
      effective = schema.getTypes().stream().filter(s -> s.getType() != org.apache.avro.Schema.Type.NULL).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("column '" + name + "' is only null"));
    }
    Type type = type(ids, name, effective);
    return optional ? Types.NestedField.optional(id, name, type, doc) : Types.NestedField.required(id, name, type, doc);
  }

  private static Type type(AtomicInteger ids, String name, org.apache.avro.Schema schema) {
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.TimestampMicros || logical instanceof LogicalTypes.TimestampMillis) {
      return Types.TimestampType.withZone();
    }
    if (logical instanceof LogicalTypes.Date) {
      return Types.DateType.get();
    }
    return switch (schema.getType()) {
      case STRING, ENUM -> Types.StringType.get();
      case INT -> Types.IntegerType.get();
      case LONG -> Types.LongType.get();
      case FLOAT -> Types.FloatType.get();
      case DOUBLE -> Types.DoubleType.get();
      case BOOLEAN -> Types.BooleanType.get();
      case BYTES, FIXED -> Types.BinaryType.get();
      case ARRAY -> {
        org.apache.avro.Schema element = schema.getElementType();
        int elementId = ids.incrementAndGet();
        boolean optional = element.getType() == org.apache.avro.Schema.Type.UNION;
        Type elementType = type(ids, name,
            optional ? element.getTypes().stream().filter(s -> s.getType() != org.apache.avro.Schema.Type.NULL)
                .findFirst().orElseThrow() : element);
        yield optional ? Types.ListType.ofOptional(elementId, elementType)
            : Types.ListType.ofRequired(elementId, elementType);
      }
      default -> throw new IllegalArgumentException(
          "column '" + name + "': Avro type " + schema.getType() + " is not supported for tables");
    };
  }
}

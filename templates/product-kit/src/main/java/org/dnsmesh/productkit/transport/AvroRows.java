package org.dnsmesh.productkit.transport;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Builds Avro records from rows of Java values (instants become timestamp-micros longs). */
public final class AvroRows {

  private AvroRows() {}

  /**
   * A record of {@code schema} filled from {@code row}; columns the schema does not have are ignored, schema fields
   * the row lacks are null or the field's default. Throws naming the field when a value does not fit its type.
   */
  public static GenericRecord toRecord(Schema schema, Map<String, Object> row) {
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      Object value = row.get(field.name());
      if (value == null && field.hasDefaultValue() && !row.containsKey(field.name())) {
        record.put(field.pos(), GenericData.get().getDefaultValue(field));
        continue;
      }
      try {
        record.put(field.pos(), convert(field.schema(), value));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("field '" + field.name() + "': " + e.getMessage(), e);
      }
    }
    return record;
  }

  static Object convert(Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    if (schema.getType() == Schema.Type.UNION) {
      for (Schema branch : schema.getTypes()) {
        if (branch.getType() != Schema.Type.NULL) {
          return convert(branch, value);
        }
      }
      return null;
    }
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.TimestampMicros) {
      Instant instant = value instanceof OffsetDateTime odt ? odt.toInstant() : value instanceof Instant i ? i : null;
      if (instant != null) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
      }
    }
    return switch (schema.getType()) {
      case ARRAY -> {
        if (!(value instanceof Collection<?> items)) {
          throw new IllegalArgumentException("expected a list, got " + value.getClass().getSimpleName());
        }
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
          out.add(convert(schema.getElementType(), item));
        }
        yield new GenericData.Array<>(schema, out);
      }
      case STRING -> value.toString();
      case LONG -> value instanceof Number n ? n.longValue() : value;
      case DOUBLE -> value instanceof Number n ? n.doubleValue() : value;
      default -> value;
    };
  }
}

package org.dnsmesh.productkit.write;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** Copies Avro records into Iceberg generic records of a table schema, converting values by column type. */
public final class IcebergRecords {

  private final Schema schema;
  private final org.apache.iceberg.data.GenericRecord template;
  private final String[] names;
  private final Type[] types;
  private volatile Binding binding;

  public IcebergRecords(Schema schema) {
    this.schema = schema;
    this.template = org.apache.iceberg.data.GenericRecord.create(schema);
    List<Types.NestedField> columns = schema.columns();
    this.names = new String[columns.size()];
    this.types = new Type[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      names[i] = columns.get(i).name();
      types[i] = columns.get(i).type();
    }
  }

  public Schema schema() {
    return schema;
  }

  /** Copies {@code avro} into a new record of the table schema; table columns the Avro record lacks are null. */
  public Record fromAvro(GenericRecord avro) {
    int[] positions = binding(avro.getSchema()).avroPositions();
    Record record = template.copy();
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] >= 0) {
        record.set(i, convert(types[i], avro.get(positions[i]), names[i]));
      }
    }
    return record;
  }

  /** Per Avro schema, where each table column sits in it (-1: absent); computed once, not per record. */
  private Binding binding(org.apache.avro.Schema avroSchema) {
    Binding current = binding;
    if (current == null || current.avroSchema() != avroSchema) {
      int[] positions = new int[names.length];
      for (int i = 0; i < names.length; i++) {
        org.apache.avro.Schema.Field field = avroSchema.getField(names[i]);
        positions[i] = field == null ? -1 : field.pos();
      }
      current = new Binding(avroSchema, positions);
      binding = current;
    }
    return current;
  }

  private record Binding(org.apache.avro.Schema avroSchema, int[] avroPositions) {}

  static Object convert(Type type, Object value, String column) {
    if (value == null) {
      return null;
    }
    return switch (type.typeId()) {
      case STRING -> value.toString();
      case INTEGER -> ((Number) value).intValue();
      case LONG -> ((Number) value).longValue();
      case DOUBLE -> ((Number) value).doubleValue();
      case FLOAT -> ((Number) value).floatValue();
      case BOOLEAN -> value;
      case TIMESTAMP -> {
        if (value instanceof Long micros) {
          yield OffsetDateTime.ofInstant(
              Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L),
              ZoneOffset.UTC);
        }
        if (value instanceof Instant instant) {
          yield OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        yield value;
      }
      case BINARY -> value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
      case LIST -> {
        Type element = type.asListType().elementType();
        List<Object> out = new ArrayList<>();
        for (Object item : (Collection<?>) value) {
          out.add(convert(element, item, column));
        }
        yield out;
      }
      default -> throw new IllegalArgumentException("column '" + column + "': type " + type + " not supported");
    };
  }
}

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

  public IcebergRecords(Schema schema) {
    this.schema = schema;
    this.template = org.apache.iceberg.data.GenericRecord.create(schema);
  }

  public Schema schema() {
    return schema;
  }

  public Record fromAvro(GenericRecord avro) {
    Record record = template.copy();
    List<Types.NestedField> columns = schema.columns();
    for (int i = 0; i < columns.size(); i++) {
      Types.NestedField column = columns.get(i);
      Object value = avro.hasField(column.name()) ? avro.get(column.name()) : null;
      record.set(i, convert(column.type(), value, column.name()));
    }
    return record;
  }

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

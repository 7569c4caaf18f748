package org.dnsmesh.productkit.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.util.Utf8;

/**
 * Avro binary encoding of flat event records, written and read field by field from a plan made once per schema:
 * the same bytes as {@code GenericDatumWriter} and the same records as {@code GenericDatumReader} (with reuse),
 * without their per-value union resolution by type name and per-field lookups (encoding was a sixth of the producing
 * thread, decoding a fifth of the pipeline's). Only for records of primitives (strings, ints, longs, floats,
 * doubles, booleans, bytes) and arrays of them, each optionally a union with null; {@link #forSchema} answers null
 * for anything else, which keeps Avro's generic reader and writer. Reads only data written with this very schema
 * (no schema resolution). Thread-safe (no state).
 */
final class DirectRecordCodec {

  private enum Kind { STRING, INT, LONG, FLOAT, DOUBLE, BOOLEAN, BYTES, ARRAY }

  /**
   * One value's plan: its kind, its schema (the non-null branch of a union; arrays are created with it), and where it
   * is a union with null, the branch indexes.
   */
  private record Plan(Kind kind, Schema schema, int nullIndex, int valueIndex, Plan element) {
    boolean nullable() {
      return nullIndex >= 0;
    }
  }

  private final Schema schema;
  private final Plan[] fields;

  private DirectRecordCodec(Schema schema, Plan[] fields) {
    this.schema = schema;
    this.fields = fields;
  }

  /** The codec for {@code schema}, or {@code null} when it has a field this codec does not handle. */
  static DirectRecordCodec forSchema(Schema schema) {
    if (schema.getType() != Schema.Type.RECORD) {
      return null;
    }
    List<Schema.Field> fields = schema.getFields();
    Plan[] plans = new Plan[fields.size()];
    for (Schema.Field field : fields) {
      Plan plan = plan(field.schema(), true);
      if (plan == null) {
        return null;
      }
      plans[field.pos()] = plan;
    }
    return new DirectRecordCodec(schema, plans);
  }

  private static Plan plan(Schema schema, boolean allowArray) {
    if (schema.getType() == Schema.Type.UNION) {
      List<Schema> branches = schema.getTypes();
      if (branches.size() != 2) {
        return null;
      }
      int nullIndex = branches.get(0).getType() == Schema.Type.NULL ? 0
          : branches.get(1).getType() == Schema.Type.NULL ? 1 : -1;
      if (nullIndex < 0) {
        return null;
      }
      Plan value = plan(branches.get(1 - nullIndex), allowArray);
      return value == null || value.nullable() ? null
          : new Plan(value.kind(), value.schema(), nullIndex, 1 - nullIndex, value.element());
    }
    if (schema.getLogicalType() != null && !(schema.getLogicalType()
        instanceof org.apache.avro.LogicalTypes.TimestampMicros)) {
      return null; // read as their underlying type by the generic reader too, but kept out to stay simple
    }
    Kind kind = switch (schema.getType()) {
      case STRING -> schema.getProp(GenericData.STRING_PROP) == null ? Kind.STRING : null; // Utf8 only
      case INT -> Kind.INT;
      case LONG -> Kind.LONG;
      case FLOAT -> Kind.FLOAT;
      case DOUBLE -> Kind.DOUBLE;
      case BOOLEAN -> Kind.BOOLEAN;
      case BYTES -> Kind.BYTES;
      case ARRAY -> allowArray ? Kind.ARRAY : null;
      default -> null;
    };
    if (kind == null) {
      return null;
    }
    if (kind == Kind.ARRAY) {
      Plan element = plan(schema.getElementType(), false);
      return element == null ? null : new Plan(Kind.ARRAY, schema, -1, -1, element);
    }
    return new Plan(kind, schema, -1, -1, null);
  }

  Schema schema() {
    return schema;
  }

  void write(GenericRecord record, BinaryEncoder out) throws IOException {
    int i = 0;
    try {
      for (; i < fields.length; i++) {
        write(fields[i], record.get(i), out);
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("field '" + schema.getFields().get(i).name() + "': " + e.getMessage(), e);
    }
  }

  private static void write(Plan plan, Object value, BinaryEncoder out) throws IOException {
    if (plan.nullable()) {
      if (value == null) {
        out.writeIndex(plan.nullIndex());
        return;
      }
      out.writeIndex(plan.valueIndex());
    } else if (value == null) {
      throw new NullPointerException("null value for a non-nullable " + plan.kind() + " field");
    }
    switch (plan.kind()) {
      case STRING -> {
        if (value instanceof Utf8 utf8) {
          out.writeString(utf8);
        } else {
          out.writeString(((CharSequence) value).toString());
        }
      }
      case INT -> out.writeInt(((Number) value).intValue());
      case LONG -> out.writeLong(((Number) value).longValue());
      case FLOAT -> out.writeFloat(((Number) value).floatValue());
      case DOUBLE -> out.writeDouble(((Number) value).doubleValue());
      case BOOLEAN -> out.writeBoolean((Boolean) value);
      case BYTES -> out.writeBytes((ByteBuffer) value);
      case ARRAY -> {
        Collection<?> items = (Collection<?>) value;
        out.writeArrayStart();
        out.setItemCount(items.size());
        for (Object item : items) {
          out.startItem();
          write(plan.element(), item, out);
        }
        out.writeArrayEnd();
      }
    }
  }

  /** Reads into {@code reuse} when it is a record of this schema (its strings and arrays reused), else a new one. */
  GenericRecord read(GenericRecord reuse, BinaryDecoder in) throws IOException {
    GenericData.Record record = reuse instanceof GenericData.Record r && r.getSchema() == schema
        ? r : new GenericData.Record(schema);
    for (int i = 0; i < fields.length; i++) {
      record.put(i, read(fields[i], record.get(i), in));
    }
    return record;
  }

  @SuppressWarnings("unchecked")
  private static Object read(Plan plan, Object old, BinaryDecoder in) throws IOException {
    if (plan.nullable()) {
      int branch = in.readIndex();
      if (branch == plan.nullIndex()) {
        return null;
      }
      if (branch != plan.valueIndex()) {
        throw new IOException("union branch " + branch + " out of range");
      }
    }
    return switch (plan.kind()) {
      case STRING -> in.readString(old instanceof Utf8 utf8 ? utf8 : null);
      case INT -> in.readInt();
      case LONG -> in.readLong();
      case FLOAT -> in.readFloat();
      case DOUBLE -> in.readDouble();
      case BOOLEAN -> in.readBoolean();
      case BYTES -> in.readBytes(old instanceof ByteBuffer buffer ? buffer : null);
      case ARRAY -> {
        GenericData.Array<Object> array = old instanceof GenericData.Array<?> a && a.getSchema() == plan.schema()
            ? (GenericData.Array<Object>) a : null;
        long count = in.readArrayStart();
        if (array == null) {
          array = new GenericData.Array<>((int) Math.min(count, 1024), plan.schema());
        } else {
          array.clear();
        }
        for (; count > 0; count = in.arrayNext()) {
          for (long i = 0; i < count; i++) {
            array.add(read(plan.element(), array.peek(), in));
          }
        }
        yield array;
      }
    };
  }
}

package org.dnsmesh.productkit.validate;

import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/** Read access to a record's fields by name, whatever holds them. Absent fields read as {@code null}. */
@FunctionalInterface
public interface FieldValues {

  Object get(String field);

  static FieldValues of(Map<String, ?> row) {
    return row::get;
  }

  static FieldValues of(GenericRecord record) {
    return field -> record.hasField(field) ? record.get(field) : null;
  }
}

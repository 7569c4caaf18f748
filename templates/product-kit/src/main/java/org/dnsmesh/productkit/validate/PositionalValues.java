package org.dnsmesh.productkit.validate;

/**
 * Read access to a record's fields by position (an Iceberg {@code Record::get}), for validators bound once to a
 * list of column names with {@link RecordValidator#bind}. A position of -1 (a rule's column the record does not
 * have) is never asked for: such a field reads as {@code null}.
 */
@FunctionalInterface
public interface PositionalValues {

  Object get(int position);
}

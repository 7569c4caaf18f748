package org.dnsmesh.productkit.validate;

/** Logical column types a contract can declare (the ODCS {@code logicalType}s the kit checks). */
public enum FieldType {
  STRING,
  INTEGER,
  NUMBER,
  BOOLEAN,
  /** An instant: {@link java.time.Instant}, {@link java.time.OffsetDateTime}, or epoch microseconds as a long. */
  TIMESTAMP,
  /** A list; element checks (range, enum, pattern) apply to each element. */
  ARRAY
}

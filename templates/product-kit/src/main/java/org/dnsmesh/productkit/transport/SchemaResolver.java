package org.dnsmesh.productkit.transport;

import org.apache.avro.Schema;

/**
 * Finds a writer schema by its Avro CRC-64-AVRO fingerprint (the 8 bytes after the single-object header marker).
 * Implementations: {@link LocalSchemaResolver} (schemas known in process) and {@link CatalogSchemaResolver} (the
 * catalog's {@code GET /api/v1/schemas/{fingerprint}}); chain them with {@link #orElse}.
 */
@FunctionalInterface
public interface SchemaResolver {

  /** The schema, or {@code null} when this resolver does not know the fingerprint. */
  Schema resolve(long fingerprint);

  /** This resolver, and {@code fallback} for what it does not know (local first, then the catalog). */
  default SchemaResolver orElse(SchemaResolver fallback) {
    java.util.Objects.requireNonNull(fallback, "fallback");
    return fingerprint -> {
      Schema schema = resolve(fingerprint);
      return schema != null ? schema : fallback.resolve(fingerprint);
    };
  }
}

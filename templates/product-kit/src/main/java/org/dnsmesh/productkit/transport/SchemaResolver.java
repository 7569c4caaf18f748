package org.dnsmesh.productkit.transport;

import org.apache.avro.Schema;

/**
 * Finds a writer schema by its Avro CRC-64-AVRO fingerprint (the 8 bytes after the single-object header marker).
 * Implementations: {@link LocalSchemaResolver} (schemas known in process); an HTTP resolver against the catalog's
 * {@code GET /api/v1/schemas/{fingerprint}} comes with the catalog service.
 */
@FunctionalInterface
public interface SchemaResolver {

  /** The schema, or {@code null} when this resolver does not know the fingerprint. */
  Schema resolve(long fingerprint);
}

package org.dnsmesh.productkit.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/** Resolves fingerprints of schemas registered in this process (tests, a product that knows all its versions). */
public final class LocalSchemaResolver implements SchemaResolver {

  private final Map<Long, Schema> schemas = new ConcurrentHashMap<>();

  public LocalSchemaResolver register(Schema schema) {
    schemas.put(SchemaNormalization.parsingFingerprint64(schema), schema);
    return this;
  }

  @Override
  public Schema resolve(long fingerprint) {
    return schemas.get(fingerprint);
  }
}

package org.dnsmesh.catalog.registry;

import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.iceberg.exceptions.BadRequestException;

/**
 * Avro schema fingerprints as single-object encoding uses them: the CRC-64-AVRO fingerprint of the
 * schema's parsing canonical form, written here as 16 lowercase hex digits of the 64-bit value.
 */
public final class SchemaFingerprints {
  private SchemaFingerprints() {}

  public static Schema parse(String avroSchema) {
    if (avroSchema == null || avroSchema.isBlank()) {
      throw new BadRequestException("Missing avroSchema: the Avro schema (JSON) of the contract version");
    }
    try {
      return new Schema.Parser().parse(avroSchema);
    } catch (RuntimeException e) {
      throw new BadRequestException("Invalid avroSchema: %s", e.getMessage());
    }
  }

  public static String of(Schema schema) {
    return hex(SchemaNormalization.parsingFingerprint64(schema));
  }

  public static String hex(long fingerprint) {
    return String.format(Locale.ROOT, "%016x", fingerprint);
  }

  /** Accepts 16 hex digits or a signed decimal long (as Avro's APIs hand it out). */
  public static String normalize(String fingerprint) {
    if (fingerprint.matches("[0-9a-fA-F]{16}")) {
      return fingerprint.toLowerCase(Locale.ROOT);
    }
    try {
      return hex(Long.parseLong(fingerprint));
    } catch (NumberFormatException e) {
      throw new BadRequestException(
          "Invalid fingerprint '%s': expected 16 hex digits or a decimal 64-bit number", fingerprint);
    }
  }
}

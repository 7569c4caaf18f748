package org.dnsmesh.catalog.registry;

import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.BadRequestException;
import org.dnsmesh.contracts.Fingerprints;

/**
 * Writer-schema fingerprints. The CRC-64-AVRO of the parsing canonical form is what single-object encoded
 * messages carry (written here as the 16 hex digits of its little-endian bytes, as in the message header and the
 * Avro specification); the identity (SHA-256 of the canonical form plus logical types, precision and scale)
 * tells apart schemas that share a CRC-64 but decode to different values (int vs date, decimal scale).
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

  /** CRC-64-AVRO as 16 hex digits in single-object header byte order. */
  public static String of(Schema schema) {
    return hex(Fingerprints.crc64(schema));
  }

  /** The schema identity: 64 hex digits. */
  public static String identity(Schema schema) {
    return Fingerprints.sha256(schema);
  }

  public static String hex(long fingerprint) {
    return Fingerprints.crc64Hex(fingerprint);
  }

  /** Whether {@code key} is a schema identity (64 hex digits) rather than a CRC-64. */
  public static boolean isIdentity(String key) {
    return key.matches("[0-9a-fA-F]{64}");
  }

  /** Accepts 16 hex digits (little-endian bytes, as in the message header) or a signed decimal long (Avro's APIs). */
  public static String normalize(String fingerprint) {
    if (fingerprint.matches("[0-9a-fA-F]{16}")) {
      return fingerprint.toLowerCase(Locale.ROOT);
    }
    try {
      return hex(Long.parseLong(fingerprint));
    } catch (NumberFormatException e) {
      throw new BadRequestException("Invalid fingerprint '%s': expected 16 hex digits (CRC-64-AVRO, little-endian as in"
          + " the single-object header), a decimal 64-bit number, or 64 hex digits (schema identity)", fingerprint);
    }
  }

  /**
   * Refuses {@code schema} for {@code domain.product} when an already published version has the same CRC-64 but a
   * different schema: consumers resolve writer schemas from the CRC-64 in each message, so the two could not be
   * told apart and one would decode the other's bytes (a decimal with the wrong scale, days as plain ints).
   */
  public static void refuseCollision(String domain, String product, String version, Schema schema,
      List<ContractVersion> published) {
    String crc = of(schema);
    String identity = identity(schema);
    for (ContractVersion other : published) {
      if (!other.fingerprint().equals(crc) || other.version().equals(version)) {
        continue;
      }
      String otherIdentity = identity(parse(other.avroSchema()));
      if (!otherIdentity.equals(identity)) {
        throw new AlreadyExistsException("Avro schema of %s.%s %s has CRC-64-AVRO fingerprint %s, the same as version %s,"
            + " but is a different schema (identity %s vs %s: logical types, precision or scale differ). Single-object"
            + " encoded messages carry only the CRC-64, so consumers could not tell which of the two wrote a message:"
            + " change the schema's canonical form (e.g. rename the record or a field) to publish it",
            domain, product, version, crc, other.version(), identity, otherIdentity);
      }
    }
  }
}

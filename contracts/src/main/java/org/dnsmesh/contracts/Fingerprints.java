package org.dnsmesh.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/** Avro schema fingerprints over the Parsing Canonical Form (Avro specification, "Schema Fingerprints"). */
public final class Fingerprints {
    private Fingerprints() {}

    /** Canonical form, CRC-64-AVRO and SHA-256 of {@code schema}. */
    public static AvroFingerprint of(Schema schema) {
        String canonical = SchemaNormalization.toParsingForm(schema);
        return new AvroFingerprint(canonical, SchemaNormalization.parsingFingerprint64(schema), sha256(canonical));
    }

    /** CRC-64-AVRO of the canonical form. */
    public static long crc64(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** SHA-256 of the canonical form, as lower-case hex. */
    public static String sha256(Schema schema) {
        return sha256(SchemaNormalization.toParsingForm(schema));
    }

    private static String sha256(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}

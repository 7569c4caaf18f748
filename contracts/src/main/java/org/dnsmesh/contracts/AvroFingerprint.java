package org.dnsmesh.contracts;

import java.util.Objects;

/**
 * Fingerprints of an Avro schema.
 *
 * <ul>
 *   <li>{@code crc64}: CRC-64-AVRO (Rabin) of the Parsing Canonical Form, the 8 bytes Avro single-object encoding
 *       puts in each message header. That form drops logical types, so {@code int} and {@code int}/date, or
 *       decimal(10,2) and decimal(10,3), share it: it names a schema for decoding bytes, not its meaning.</li>
 *   <li>{@code sha256}: the schema identity, SHA-256 (hex) of the {@linkplain Fingerprints#identityForm identity
 *       form}: the canonical form plus logicalType, precision and scale (field order is part of both forms).
 *       Two schemas with the same identity decode every message to the same values.</li>
 * </ul>
 */
public record AvroFingerprint(String canonicalForm, String identityForm, long crc64, String sha256) {
    public AvroFingerprint {
        Objects.requireNonNull(canonicalForm, "canonicalForm");
        Objects.requireNonNull(identityForm, "identityForm");
        Objects.requireNonNull(sha256, "sha256");
    }

    /**
     * CRC-64-AVRO as 16 lower-case hex digits in the byte order of the Avro specification: the little-endian
     * bytes that follow {@code C3 01} in a single-object encoded message (what other Avro tools print).
     */
    public String crc64Hex() {
        return Fingerprints.crc64Hex(crc64);
    }
}

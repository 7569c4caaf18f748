package org.dnsmesh.contracts;

import java.util.Objects;

/**
 * Fingerprints of an Avro schema's Parsing Canonical Form: the 64-bit CRC-64-AVRO (Rabin) used by Avro
 * single-object encoding, and SHA-256 (hex) used by the catalog to serve schemas by fingerprint.
 */
public record AvroFingerprint(String canonicalForm, long crc64, String sha256) {
    public AvroFingerprint {
        Objects.requireNonNull(canonicalForm, "canonicalForm");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** CRC-64-AVRO as 16 lower-case hex digits. */
    public String crc64Hex() {
        return String.format("%016x", crc64);
    }
}

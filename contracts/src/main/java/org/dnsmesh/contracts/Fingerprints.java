package org.dnsmesh.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Avro schema fingerprints (Avro specification, "Schema Fingerprints" and "Single object encoding"): CRC-64-AVRO of
 * the Parsing Canonical Form, as single-object headers carry it, and the schema identity, SHA-256 of the identity
 * form, which tells apart schemas that differ only in logical type, precision or scale.
 */
public final class Fingerprints {
    private static final HexFormat HEX = HexFormat.of();

    private Fingerprints() {}

    /** Canonical form, identity form, CRC-64-AVRO and identity (SHA-256) of {@code schema}. */
    public static AvroFingerprint of(Schema schema) {
        String canonical = SchemaNormalization.toParsingForm(schema);
        String identity = identityForm(schema);
        return new AvroFingerprint(canonical, identity, SchemaNormalization.parsingFingerprint64(schema), sha256(identity));
    }

    /** CRC-64-AVRO of the Parsing Canonical Form (the single-object encoding fingerprint). */
    public static long crc64(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The schema identity: SHA-256 of the identity form, as lower-case hex. */
    public static String sha256(Schema schema) {
        return sha256(identityForm(schema));
    }

    /** 16 hex digits of the little-endian bytes, as in the single-object header and the Avro specification. */
    public static String crc64Hex(long crc64) {
        return String.format(Locale.ROOT, "%016x", Long.reverseBytes(crc64));
    }

    /** Reads {@link #crc64Hex} back. */
    public static long crc64FromHex(String hex) {
        if (hex == null || !hex.matches("[0-9a-fA-F]{16}")) {
            throw new IllegalArgumentException("expected 16 hex digits (the little-endian CRC-64-AVRO bytes), got '" + hex + "'");
        }
        return Long.reverseBytes(Long.parseUnsignedLong(hex, 16));
    }

    /**
     * The Parsing Canonical Form extended with what it strips but decoding depends on: {@code logicalType},
     * {@code precision} and {@code scale}, written after {@code type} (or {@code size}) as
     * {@code {"type":"bytes","logicalType":"decimal","precision":10,"scale":2}}. A schema without logical types has
     * exactly its Parsing Canonical Form. Field order is kept, as in the canonical form.
     */
    public static String identityForm(Schema schema) {
        StringBuilder out = new StringBuilder();
        build(schema, new HashSet<>(), out);
        return out.toString();
    }

    private static void build(Schema schema, Set<String> named, StringBuilder out) {
        switch (schema.getType()) {
            case UNION -> {
                out.append('[');
                boolean first = true;
                for (Schema branch : schema.getTypes()) {
                    if (!first) {
                        out.append(',');
                    }
                    build(branch, named, out);
                    first = false;
                }
                out.append(']');
            }
            case ARRAY -> {
                out.append("{\"type\":\"array\",\"items\":");
                build(schema.getElementType(), named, out);
                out.append('}');
            }
            case MAP -> {
                out.append("{\"type\":\"map\",\"values\":");
                build(schema.getValueType(), named, out);
                out.append('}');
            }
            case RECORD, ENUM, FIXED -> {
                String name = schema.getFullName();
                if (!named.add(name)) {
                    quote(name, out); // a named type after its definition is written by name, as in the canonical form
                    return;
                }
                out.append("{\"name\":");
                quote(name, out);
                out.append(",\"type\":");
                quote(schema.getType().getName(), out);
                switch (schema.getType()) {
                    case ENUM -> {
                        out.append(",\"symbols\":[");
                        boolean first = true;
                        for (String symbol : schema.getEnumSymbols()) {
                            if (!first) {
                                out.append(',');
                            }
                            quote(symbol, out);
                            first = false;
                        }
                        out.append(']');
                    }
                    case FIXED -> {
                        out.append(",\"size\":").append(schema.getFixedSize());
                        logical(schema.getLogicalType(), out);
                    }
                    default -> {
                        out.append(",\"fields\":[");
                        boolean first = true;
                        for (Schema.Field field : schema.getFields()) {
                            if (!first) {
                                out.append(',');
                            }
                            out.append("{\"name\":");
                            quote(field.name(), out);
                            out.append(",\"type\":");
                            build(field.schema(), named, out);
                            out.append('}');
                            first = false;
                        }
                        out.append(']');
                    }
                }
                out.append('}');
            }
            default -> {
                LogicalType logical = schema.getLogicalType();
                if (logical == null) {
                    quote(schema.getType().getName(), out);
                } else {
                    out.append("{\"type\":");
                    quote(schema.getType().getName(), out);
                    logical(logical, out);
                    out.append('}');
                }
            }
        }
    }

    private static void logical(LogicalType logical, StringBuilder out) {
        if (logical == null) {
            return;
        }
        out.append(",\"logicalType\":");
        quote(logical.getName(), out);
        if (logical instanceof LogicalTypes.Decimal decimal) {
            out.append(",\"precision\":").append(decimal.getPrecision()).append(",\"scale\":").append(decimal.getScale());
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static String sha256(String form) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(form.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}

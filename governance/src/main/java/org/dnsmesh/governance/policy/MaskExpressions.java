package org.dnsmesh.governance.policy;

import java.util.Locale;
import java.util.Objects;

/**
 * Renders a {@link MaskFunction} as a Trino SQL expression over one column. Every expression is wrapped in
 * a CAST to the column's exact type, because Trino rejects a mask whose type differs (varchar(45) vs varchar).
 * The same strings go to the embedded decisions, the Trino rules file and the OPA bundle.
 */
public final class MaskExpressions {
  private final String keyLiteral;

  /** @param maskingKey secret for HMAC tokens; it ends up in Trino's rules file, so keep that file private. */
  public MaskExpressions(String maskingKey) {
    Objects.requireNonNull(maskingKey, "masking key");
    if (maskingKey.isEmpty()) {
      throw new IllegalArgumentException("masking key must not be empty");
    }
    this.keyLiteral = "'" + maskingKey.replace("'", "''") + "'";
  }

  public String render(MaskFunction function, ColumnInfo column) {
    String name = column.name();
    String type = column.type();
    return switch (function) {
      case NONE -> name;
      case NULLIFY -> nullOf(type);
      case HMAC_TOKEN -> isText(type)
          ? "CAST(to_hex(hmac_sha256(to_utf8(" + name + "), to_utf8(" + keyLiteral + "))) AS " + type + ")"
          : nullOf(type);
      case IPV4_PREFIX_24 -> isText(type)
          ? "CAST(CASE WHEN regexp_like(" + name + ", '^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$') THEN regexp_replace("
              + name + ", '\\.\\d{1,3}$', '.0') ELSE NULL END AS " + type + ")"
          : nullOf(type);
    };
  }

  private static String nullOf(String type) {
    return "CAST(NULL AS " + type + ")";
  }

  private static boolean isText(String type) {
    return type.toLowerCase(Locale.ROOT).startsWith("varchar");
  }
}

package org.dnsmesh.governance.policy;

import java.util.Locale;

/**
 * Renders a {@link MaskFunction} as a Trino SQL expression over one column. Every expression is wrapped in
 * a CAST to the column's exact type, because Trino rejects a mask whose type differs (varchar(45) vs varchar).
 * The same strings go to the embedded decisions, the Trino rules file and the OPA bundle.
 *
 * <p>No expression holds key material: Trino shows a mask's SQL to the masked user ({@code EXPLAIN}, plans,
 * errors), so the keyed pseudonym is the function {@value #PSEUDONYM_FUNCTION} of the mesh's Trino plugin
 * (module infra/trino-functions), which reads its key from the server's private secrets file.
 *
 * <p>That function is a catalog function, not a global one, and only {@value #MASKING_IDENTITY} may execute it:
 * masks are evaluated as that identity (Trino's mask environment), while an analyst calling the function directly is
 * refused. A global function would be executable by everyone (Trino never checks {@code system.builtin}), and an
 * analyst could pseudonymise guessed e-mail addresses and match them against a masked column.
 */
public final class MaskExpressions {
  /** The Trino function computing {@code hmac_token}: uppercase hex HMAC-SHA256 under the server's key. */
  public static final String PSEUDONYM_FUNCTION = "mesh.masking.pseudonym";
  /** Catalog, schema and name of {@link #PSEUDONYM_FUNCTION}. */
  public static final String MASKING_CATALOG = "mesh";
  public static final String MASKING_SCHEMA = "masking";
  public static final String PSEUDONYM_NAME = "pseudonym";
  /**
   * The identity every mask is evaluated as, the only one allowed to execute {@link #PSEUDONYM_FUNCTION}. Not a
   * principal: no token names it (the policy may not declare it), it exists only inside Trino's mask evaluation.
   */
  public static final String MASKING_IDENTITY = "mesh-masking";

  public MaskExpressions() {}

  public String render(MaskFunction function, ColumnInfo column) {
    String name = column.name();
    String type = column.type();
    return switch (function) {
      case NONE -> name;
      case NULLIFY -> nullOf(type);
      case HMAC_TOKEN -> isText(type)
          ? "CAST(" + PSEUDONYM_FUNCTION + "(" + name + ") AS " + type + ")"
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

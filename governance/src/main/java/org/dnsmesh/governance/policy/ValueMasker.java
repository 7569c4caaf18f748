package org.dnsmesh.governance.policy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Applies a {@link MaskFunction} to a value in Java, giving what Trino's expression from
 * {@link MaskExpressions} gives for the same key (uppercase hex HMAC like Trino's {@code to_hex}, varchar(n)
 * truncation), so the catalog can mask previews and samples the same way Trino masks queries.
 */
public final class ValueMasker {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})\\.\\d{1,3}");
  private static final Pattern BOUNDED_VARCHAR = Pattern.compile("varchar\\((\\d+)\\)");
  private final SecretKeySpec key;

  public ValueMasker(String maskingKey) {
    Objects.requireNonNull(maskingKey, "masking key");
    this.key = new SecretKeySpec(maskingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public Object mask(MaskFunction function, ColumnInfo column, Object value) {
    if (value == null) {
      return null;
    }
    boolean text = column.type().toLowerCase(Locale.ROOT).startsWith("varchar") && value instanceof String;
    return switch (function) {
      case NONE -> value;
      case NULLIFY -> null;
      case HMAC_TOKEN -> text ? fit(hmacHex((String) value), column.type()) : null;
      case IPV4_PREFIX_24 -> {
        if (!text) {
          yield null;
        }
        Matcher matcher = IPV4.matcher((String) value);
        yield matcher.matches() ? fit(matcher.group(1) + ".0", column.type()) : null;
      }
    };
  }

  private String hmacHex(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().withUpperCase().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** CAST(x AS varchar(n)) truncates to n characters. */
  private static String fit(String value, String type) {
    Matcher bounded = BOUNDED_VARCHAR.matcher(type.toLowerCase(Locale.ROOT));
    if (bounded.matches()) {
      int length = Integer.parseInt(bounded.group(1));
      return value.length() > length ? value.substring(0, length) : value;
    }
    return value;
  }
}

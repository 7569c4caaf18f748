package org.dnsmesh.productkit.source;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Zeek timestamps: epoch seconds with a fraction ({@code 1521911720.865716}) or ISO-8601 (JSON logs with ISO time). */
final class ZeekTime {

  private ZeekTime() {}

  static Instant parse(String raw) {
    if (!raw.isEmpty() && (Character.isDigit(raw.charAt(0)) || raw.charAt(0) == '-') && raw.indexOf('T') < 0) {
      try {
        BigDecimal seconds = new BigDecimal(raw);
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("timestamp is not epoch seconds: '" + raw + "'");
      }
    }
    try {
      return Instant.parse(raw);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("timestamp is neither epoch seconds nor ISO-8601: '" + raw + "'");
    }
  }
}

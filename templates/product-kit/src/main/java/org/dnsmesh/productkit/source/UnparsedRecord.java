package org.dnsmesh.productkit.source;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A source line that could not be parsed; kept with its reason and its original text so it is never lost. A line
 * whose bytes are not UTF-8 has no text: {@code original} is its bytes read as ISO-8859-1 (for display), and
 * {@link #originalBytes()} the bytes exactly as read.
 */
public record UnparsedRecord(SourcePosition position, String reason, String original, byte[] originalBytes) {

  public UnparsedRecord {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(originalBytes, "originalBytes");
  }

  public UnparsedRecord(SourcePosition position, String reason, String original) {
    this(position, reason, original, original.getBytes(StandardCharsets.UTF_8));
  }

  /** A line that is not UTF-8: kept as its bytes. */
  public static UnparsedRecord undecodable(SourcePosition position, String reason, byte[] bytes) {
    return new UnparsedRecord(position, reason, new String(bytes, StandardCharsets.ISO_8859_1), bytes.clone());
  }
}

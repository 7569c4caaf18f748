package org.dnsmesh.productkit.source;

import java.util.Objects;

/** A source line that could not be parsed; kept with its reason and its original text so it is never lost. */
public record UnparsedRecord(SourcePosition position, String reason, String original) {

  public UnparsedRecord {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(original, "original");
  }
}

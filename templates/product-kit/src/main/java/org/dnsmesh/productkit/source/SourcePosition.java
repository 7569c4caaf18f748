package org.dnsmesh.productkit.source;

import java.util.Objects;

/** Where a record came from: a source name (file, topic, generator) and a 1-based line or sequence number. */
public record SourcePosition(String source, long line) {

  public SourcePosition {
    Objects.requireNonNull(source, "source");
  }

  @Override
  public String toString() {
    return source + ":" + line;
  }
}

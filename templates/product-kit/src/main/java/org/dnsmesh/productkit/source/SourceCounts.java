package org.dnsmesh.productkit.source;

/** How many records a source read, and how they split. */
public record SourceCounts(long events, long unparsed) {

  public long read() {
    return events + unparsed;
  }
}

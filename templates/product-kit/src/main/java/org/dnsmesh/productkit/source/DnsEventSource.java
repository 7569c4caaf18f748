package org.dnsmesh.productkit.source;

import java.io.IOException;

/**
 * A source of raw DNS events: a log file, a stream, a generator. It pushes every record it reads to exactly one
 * of the two sinks, so {@code read = events + unparsed}.
 */
public interface DnsEventSource {

  /** Receives what a source read. */
  interface Sink {
    void event(RawDnsEvent event);

    void unparsed(UnparsedRecord record);
  }

  /** Reads everything and returns the counts. */
  SourceCounts readAll(Sink sink) throws IOException;
}

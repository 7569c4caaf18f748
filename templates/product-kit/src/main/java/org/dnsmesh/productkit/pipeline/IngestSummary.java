package org.dnsmesh.productkit.pipeline;

import java.util.Locale;

/**
 * What an ingest read and where each record went: {@code read = published + duplicates + unparsed + rejected}.
 * Unparsed records (not parseable, not UTF-8) went to the dead-letter sink with their reason, file, line and original
 * bytes; rejected ones (not encodable as the contract's record) into the event stream as rejects, which the pipeline
 * quarantines; excluded ones are link-local name traffic (NetBIOS, mDNS, LLMNR) the contract leaves out; sampled-out
 * ones are rows the contract's stratified sample does not keep (each kept row records its rate, so they are
 * accounted for in estimates, not lost): {@code read = published + duplicates + unparsed + rejected + excluded +
 * sampledOut}.
 */
public record IngestSummary(long read, long published, long duplicates, long unparsed, long rejected, long excluded,
    long sampledOut) {

  public IngestSummary {
    if (read != published + duplicates + unparsed + rejected + excluded + sampledOut) {
      throw new IllegalStateException("ingest counts do not reconcile: read=" + read + " published=" + published
          + " duplicates=" + duplicates + " unparsed=" + unparsed + " rejected=" + rejected + " excluded=" + excluded
          + " sampledOut=" + sampledOut);
    }
  }

  /** An ingest whose contract declares no sampling. */
  public IngestSummary(long read, long published, long duplicates, long unparsed, long rejected, long excluded) {
    this(read, published, duplicates, unparsed, rejected, excluded, 0);
  }

  /** An ingest whose contract excludes no traffic. */
  public IngestSummary(long read, long published, long duplicates, long unparsed, long rejected) {
    this(read, published, duplicates, unparsed, rejected, 0, 0);
  }

  public String describe() {
    return String.format(Locale.ROOT, "read=%,d published=%,d duplicates=%,d unparsed=%,d rejected=%,d%s", read,
        published, duplicates, unparsed, rejected, excluded == 0 ? "" : String.format(Locale.ROOT,
            " excluded=%,d", excluded)) + (sampledOut == 0 ? "" : String.format(Locale.ROOT,
            " sampled-out=%,d", sampledOut));
  }
}

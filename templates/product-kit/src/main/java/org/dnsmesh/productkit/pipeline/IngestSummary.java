package org.dnsmesh.productkit.pipeline;

import java.util.Locale;

/**
 * What an ingest read and where each record went: {@code read = published + duplicates + unparsed + rejected}.
 * Unparsed and rejected records went to the dead-letter sink with their reason and original bytes.
 */
public record IngestSummary(long read, long published, long duplicates, long unparsed, long rejected) {

  public IngestSummary {
    if (read != published + duplicates + unparsed + rejected) {
      throw new IllegalStateException("ingest counts do not reconcile: read=" + read + " published=" + published
          + " duplicates=" + duplicates + " unparsed=" + unparsed + " rejected=" + rejected);
    }
  }

  public String describe() {
    return String.format(Locale.ROOT, "read=%,d published=%,d duplicates=%,d unparsed=%,d rejected=%,d", read,
        published, duplicates, unparsed, rejected);
  }
}

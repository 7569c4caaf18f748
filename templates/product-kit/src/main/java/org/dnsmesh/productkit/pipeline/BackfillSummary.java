package org.dnsmesh.productkit.pipeline;

import java.util.Locale;

/**
 * What a backfill did: of the events the ingest published, {@code outOfRange} fell outside the date range,
 * {@code duplicates} repeated an {@code event_id}; the rest were {@code written} or {@code quarantined}, and so were
 * the events the ingest rejected (not encodable as the contract's record: quarantined whatever their time).
 */
public record BackfillSummary(IngestSummary ingest, long outOfRange, long duplicates, long written,
    long quarantined) {

  public BackfillSummary {
    if (ingest.published() + ingest.rejected() != outOfRange + duplicates + written + quarantined) {
      throw new IllegalStateException("backfill counts do not reconcile: published=" + ingest.published()
          + " rejected=" + ingest.rejected()
          + " outOfRange=" + outOfRange + " duplicates=" + duplicates + " written=" + written + " quarantined="
          + quarantined);
    }
  }

  public String describe() {
    return String.format(Locale.ROOT, "%s | out of range=%,d duplicate ids=%,d written=%,d quarantined=%,d",
        ingest.describe(), outOfRange, duplicates, written, quarantined);
  }
}

package org.dnsmesh.quality.check;

import java.util.Objects;

/**
 * What became of a product's input over a window: written to the table, quarantined (the quarantine table), or
 * dead-lettered as an unparsed source line (never an event, so in no table).
 */
public record RecordArrivals(long written, long quarantined, DeadLetterCounts deadLetters) {
  public RecordArrivals {
    Objects.requireNonNull(deadLetters, "deadLetters");
    if (written < 0 || quarantined < 0) {
      throw new IllegalArgumentException("record counts must not be negative");
    }
  }

  public long unparsed() {
    return deadLetters.unparsed();
  }

  /** Every input record once: a quarantined record's copy on the dead-letter topic is not added again. */
  public long total() {
    return written + quarantined + unparsed();
  }

  /**
   * unparsed / total: the records that reached neither the table nor the quarantine table (the contracts promise
   * arrival in one of the two; a quarantined record is kept with its reason, not lost). Counted rather than
   * 1 - completeness so a share at a threshold stays exact.
   */
  public double lossShare() {
    return total() == 0 ? 0.0 : (double) unparsed() / total();
  }

  /** (written + quarantined) / (written + quarantined + unparsed); 1 when nothing arrived. */
  public double completeness() {
    return total() == 0 ? 1.0 : (double) (written + quarantined) / total();
  }
}

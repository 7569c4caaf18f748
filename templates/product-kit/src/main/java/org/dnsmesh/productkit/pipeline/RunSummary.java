package org.dnsmesh.productkit.pipeline;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * What a run did. {@code in = written + quarantined + skipped} always; {@code skipped} counts records an earlier,
 * interrupted run had already committed (seen again only between a quarantine commit and its table commit), and is
 * 0 for an uninterrupted run, where {@code in = written + quarantined}.
 */
public record RunSummary(UUID runId, long in, long written, long quarantined, long skipped, long commits, long lag,
    Duration elapsed) {

  public RunSummary {
    if (in != written + quarantined + skipped) {
      throw new IllegalStateException("counts do not reconcile: in=" + in + " written=" + written + " quarantined="
          + quarantined + " skipped=" + skipped);
    }
  }

  public double rowsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : in / seconds;
  }

  /** The one-line console summary. */
  public String describe() {
    return String.format(Locale.ROOT,
        "run %s: in=%,d written=%,d quarantined=%,d skipped=%,d (in = written + quarantined + skipped) "
            + "commits=%d lag=%,d elapsed=%.1fs rate=%,.0f rows/s",
        runId, in, written, quarantined, skipped, commits, lag, elapsed.toNanos() / 1e9, rowsPerSecond());
  }
}

package org.dnsmesh.quality.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The last completed cycle of one monitor instance ("monitor the monitor"). */
public record Heartbeat(String instance, Instant cycleStartedAt, Instant cycleFinishedAt, int tablesChecked,
    int checkErrors) {
  public Heartbeat {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(cycleStartedAt, "cycleStartedAt");
    Objects.requireNonNull(cycleFinishedAt, "cycleFinishedAt");
  }

  public Duration staleness(Instant now) {
    return Duration.between(cycleFinishedAt, now);
  }

  /** Stale when no cycle finished for more than three poll intervals. */
  public boolean isStale(Instant now, Duration pollInterval) {
    return staleness(now).compareTo(pollInterval.multipliedBy(3)) > 0;
  }
}

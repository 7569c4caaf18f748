package org.dnsmesh.quality.store;

/**
 * SLA compliance over a period cut into intervals. An interval is observed when a check ran in it (errors
 * aside) and in SLA when it was observed and no result in it breached.
 *
 * @param intervals all intervals of the period
 * @param observedIntervals intervals with at least one successful check run
 * @param intervalsInSla observed intervals without a breach
 */
public record SlaCompliance(long intervals, long observedIntervals, long intervalsInSla) {
  public SlaCompliance {
    if (intervals < observedIntervals || observedIntervals < intervalsInSla || intervalsInSla < 0) {
      throw new IllegalArgumentException("inconsistent compliance counts " + intervals + "/" + observedIntervals
          + "/" + intervalsInSla);
    }
  }

  /** Percent of observed intervals in SLA (100 when nothing was observed: no evidence of a breach). */
  public double percentInSla() {
    return observedIntervals == 0 ? 100.0 : 100.0 * intervalsInSla / observedIntervals;
  }

  /** Percent of intervals the monitor observed at all; below 100 means the monitor itself was not checking. */
  public double percentObserved() {
    return intervals == 0 ? 0.0 : 100.0 * observedIntervals / intervals;
  }
}

package org.dnsmesh.catalog.lineage;

import java.time.Instant;
import java.util.List;

/**
 * A table's quality over time, from the monitor's {@code dataQualityAssertions} facets: the newest verdicts (newest
 * first) and the share of verdicts in the window that passed.
 *
 * @param checks verdicts in the window
 * @param passingPercent share of them passing, 0-100, one decimal; null without any verdict
 */
public record QualityTrend(List<Point> recent, int windowHours, int checks, Double passingPercent) {

  /** One verdict: when, and passing or failing. */
  public record Point(Instant at, String status) {}

  public QualityTrend {
    recent = List.copyOf(recent);
  }

  /** @param verdicts the window's verdicts, newest first */
  static QualityTrend of(List<Point> verdicts, int points, int windowHours) {
    long passing = verdicts.stream().filter(p -> p.status().equals("passing")).count();
    Double percent = verdicts.isEmpty() ? null : Math.round(passing * 1000.0 / verdicts.size()) / 10.0;
    return new QualityTrend(verdicts.subList(0, Math.min(points, verdicts.size())), windowHours, verdicts.size(),
        percent);
  }
}

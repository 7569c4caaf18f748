package org.dnsmesh.catalog.consumer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A product's quality over a window, from the quality monitor's own stored results (schema {@code quality} of the
 * mesh database: {@code check_result}, {@code open_alert}), one point per check and hour.
 *
 * @param monitorResults false when the mesh database holds no monitor results at all (no monitor ran against it)
 * @param tables per output table, each check's hourly points
 * @param compliance per table and check: the hours observed in the window and those within the SLA
 * @param openAlerts the product's alerts the monitor holds open now
 */
public record QualityTrends(String domain, String product, Instant from, Instant to, boolean monitorResults,
    List<TableTrend> tables, List<Compliance> compliance, List<Alert> openAlerts) {
  public QualityTrends {
    tables = List.copyOf(tables);
    compliance = List.copyOf(compliance);
    openAlerts = List.copyOf(openAlerts);
  }

  /** {@code table} is the monitor's name for it: {@code domain.namespace.table}. */
  public record TableTrend(String table, Map<String, List<Point>> checks) {
    public TableTrend {
      checks = Map.copyOf(checks);
    }
  }

  /**
   * One check in one hour: the worst status of its runs, and the measurements of its last run in that hour (volume:
   * {@code added_records}, {@code expected_records}, {@code band_lower}, {@code band_upper}; freshness:
   * {@code commit_age_seconds}, {@code event_age_seconds}; record drift: {@code quarantine_rate}).
   */
  public record Point(Instant hour, String status, int runs, Map<String, Double> measurements) {
    public Point {
      measurements = Map.copyOf(measurements);
    }
  }

  /**
   * SLA compliance of one check of one table over the window, by hour (an hour is observed when a run did not err,
   * and within the SLA when no run breached): also per UTC day for the history chart.
   */
  public record Compliance(String table, String check, long observedHours, long hoursInSla, Double percentInSla,
      List<Day> days) {
    public Compliance {
      days = List.copyOf(days);
    }
  }

  public record Day(String day, long observedHours, long hoursInSla) {}

  public record Alert(String table, String check, String alertId, Instant openedAt, String summary) {}
}

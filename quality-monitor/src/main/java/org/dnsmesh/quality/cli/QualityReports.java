package org.dnsmesh.quality.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dnsmesh.quality.alert.OpenAlert;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.store.Heartbeat;
import org.dnsmesh.quality.store.SlaCompliance;

/** Plain-text reports for {@code mesh quality status} and {@code mesh quality history}. */
public final class QualityReports {
  private QualityReports() {
  }

  public static String status(List<CheckResult> latest, List<OpenAlert> open, List<Heartbeat> heartbeats,
      Duration pollInterval, Instant now) {
    StringBuilder out = new StringBuilder();
    if (heartbeats.isEmpty()) {
      out.append("monitor: no heartbeat recorded (never ran)\n");
    }
    for (Heartbeat beat : heartbeats) {
      out.append(String.format(Locale.ROOT, "monitor %s: last cycle %s (%ds ago)%s, %d table(s), %d error(s)%n",
          beat.instance(), beat.cycleFinishedAt(), beat.staleness(now).toSeconds(),
          beat.isStale(now, pollInterval) ? " STALE" : "", beat.tablesChecked(), beat.checkErrors()));
    }
    out.append(String.format(Locale.ROOT, "%-28s %-32s %-16s %-9s %-24s %s%n", "PRODUCT", "TABLE", "CHECK", "STATUS",
        "CHECKED", "SUMMARY"));
    for (CheckResult result : latest) {
      out.append(String.format(Locale.ROOT, "%-28s %-32s %-16s %-9s %-24s %s%n", result.key().table().product(),
          result.key().table().table(), result.key().check(), result.status(), result.checkedAt(), result.summary()));
    }
    out.append(open.size()).append(" open alert(s)\n");
    for (OpenAlert alert : open) {
      out.append("  ").append(alert.key()).append(" since ").append(alert.openedAt()).append(": ")
          .append(alert.summary()).append('\n');
    }
    return out.toString();
  }

  public static String history(List<CheckResult> results, Optional<SlaCompliance> compliance) {
    StringBuilder out = new StringBuilder();
    for (CheckResult result : results) {
      out.append(String.format(Locale.ROOT, "%-24s %-9s %s%n", result.checkedAt(), result.status(), result.summary()));
      result.findings().forEach(finding -> out.append("    ").append(finding).append('\n'));
    }
    compliance.ifPresent(c -> out.append(String.format(Locale.ROOT,
        "SLA compliance: %.1f%% of %d observed interval(s) in SLA; monitor observed %.1f%% of %d interval(s)%n",
        c.percentInSla(), c.observedIntervals(), c.percentObserved(), c.intervals())));
    return out.toString();
  }
}

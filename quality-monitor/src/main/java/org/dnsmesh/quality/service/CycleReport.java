package org.dnsmesh.quality.service;

import java.time.Instant;
import java.util.List;
import org.dnsmesh.quality.alert.AlertEvent;
import org.dnsmesh.quality.model.CheckResult;

/** What one cycle did: every result and every alert event it published. */
public record CycleReport(Instant startedAt, Instant finishedAt, int tablesChecked, List<CheckResult> results,
    List<AlertEvent> alerts) {
  public CycleReport {
    results = List.copyOf(results);
    alerts = List.copyOf(alerts);
  }

  public long errors() {
    return results.stream().filter(r -> r.status() == org.dnsmesh.quality.model.CheckStatus.ERROR).count();
  }
}

package org.dnsmesh.quality.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dnsmesh.quality.contract.FreshnessSla;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.table.SnapshotView;

/**
 * Age of the newest snapshot commit and of the newest event time against the contract's freshness SLA.
 * The worse of the two decides.
 */
public final class FreshnessCheck implements QualityCheck {
  public static final String NAME = "freshness";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(CheckInput input) {
    FreshnessSla sla = input.contract().freshness();
    Instant now = input.now();
    Map<String, Double> measured = new LinkedHashMap<>();
    List<String> findings = new ArrayList<>();
    // compactions and deletes commit snapshots too, but bring no new data
    Optional<SnapshotView> newest = input.table().newestDataSnapshot();
    if (newest.isEmpty()) {
      return new CheckResult(input.key(NAME), CheckStatus.BREACHED, "no data committed yet (SLA " + sla + ")",
          measured, List.of("table has no snapshot that added data"), now);
    }
    Instant committed = newest.get().committedAt();
    measured.put("commit_age_seconds", (double) Duration.between(committed, now).toSeconds());
    CheckStatus status = classify(committed, sla.requiredWatermark(now), sla.pendingWatermark(now));
    if (status != CheckStatus.OK) {
      findings.add("newest commit " + committed + " is " + describe(status) + " (required by now: "
          + sla.requiredWatermark(now) + ", SLA " + sla + ")");
    }
    if (input.table().maxEventTime().isPresent()) {
      Instant event = input.table().maxEventTime().get();
      measured.put("event_age_seconds", (double) Duration.between(event, now).toSeconds());
      Duration slack = sla.eventTimeSlack();
      CheckStatus eventStatus = classify(event, sla.requiredWatermark(now).minus(slack),
          sla.pendingWatermark(now).minus(slack));
      if (eventStatus != CheckStatus.OK) {
        findings.add("newest event time " + event + " is " + describe(eventStatus) + " (SLA " + sla + ")");
      }
      status = status.worst(eventStatus);
    } else if (input.contract().eventTimeColumn().isPresent() && !input.table().snapshots().isEmpty()) {
      findings.add("no event-time bounds in the newest files; judged on commit time only");
    }
    String summary = switch (status) {
      case OK -> "fresh: newest commit " + committed;
      case AT_RISK -> "at risk: data due soon is not there yet";
      case BREACHED -> "stale: data is older than the SLA allows (" + sla + ")";
      case ERROR -> "error";
    };
    return new CheckResult(input.key(NAME), status, summary, measured, findings, now);
  }

  private static CheckStatus classify(Instant observed, Instant required, Instant pending) {
    if (observed.isBefore(required)) {
      return CheckStatus.BREACHED;
    }
    if (observed.isBefore(pending)) {
      return CheckStatus.AT_RISK;
    }
    return CheckStatus.OK;
  }

  private static String describe(CheckStatus status) {
    return status == CheckStatus.BREACHED ? "too old" : "not yet covering data due soon";
  }
}

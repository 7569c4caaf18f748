package org.dnsmesh.quality.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dnsmesh.quality.contract.VolumeSla;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.table.SnapshotView;

/**
 * Added records per interval from snapshot summaries only (no scan), for the newest complete interval,
 * against the same interval of the day on earlier days: median +- k * MAD. Flags drops and spikes.
 * Intervals before the oldest snapshot still in the table come from {@link VolumeHistory} (what this check
 * measured then) or are left out. Only snapshots that
 * add data count: compactions ({@code replace}) re-add existing rows.
 */
public final class VolumeCheck implements QualityCheck {
  public static final String NAME = "volume";

  private final VolumeHistory remembered;

  /** Snapshots only. */
  public VolumeCheck() {
    this(VolumeHistory.NONE);
  }

  /** @param remembered fills in intervals older than the oldest snapshot still in the table */
  public VolumeCheck(VolumeHistory remembered) {
    this.remembered = java.util.Objects.requireNonNull(remembered, "remembered");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(CheckInput input) {
    VolumeSla sla = input.contract().volume();
    Duration interval = sla.interval();
    long step = interval.toMillis();
    Instant now = input.now();
    Instant currentStart = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), step) * step);
    Instant evaluatedStart = currentStart.minus(interval);
    List<SnapshotView> snapshots = input.table().snapshots();
    Map<Long, Long> addedByInterval = new HashMap<>();
    for (SnapshotView snapshot : snapshots) {
      if (!snapshot.addsData()) {
        continue; // a compaction re-adds existing rows; counting them would look like a spike
      }
      long bucket = Math.floorDiv(snapshot.committedAt().toEpochMilli(), step);
      addedByInterval.merge(bucket, snapshot.addedRecords(), Long::sum);
    }
    long evaluatedBucket = evaluatedStart.toEpochMilli() / step;
    long observed = addedByInterval.getOrDefault(evaluatedBucket, 0L);
    Map<String, Double> measured = new LinkedHashMap<>();
    measured.put("added_records", (double) observed);

    List<Double> history = new ArrayList<>();
    long firstBucket = snapshots.isEmpty() ? Long.MAX_VALUE
        : Math.floorDiv(snapshots.getFirst().committedAt().toEpochMilli(), step);
    long perDay = Duration.ofDays(1).toMillis() / step;
    for (int day = 1; day <= sla.historyDays(); day++) {
      long bucket = evaluatedBucket - day * perDay;
      if (bucket >= firstBucket) {
        history.add((double) addedByInterval.getOrDefault(bucket, 0L));
      } else {
        remembered.addedRecords(input.contract().table(), Instant.ofEpochMilli(bucket * step), interval)
            .ifPresent(history::add);
      }
    }
    if (history.size() < sla.minHistory()) {
      return new CheckResult(input.key(NAME), CheckStatus.OK,
          "not enough history for interval starting " + evaluatedStart + " (" + history.size() + " of "
              + sla.minHistory() + " days)", measured, List.of(), now);
    }
    RobustBand band = RobustBand.of(history);
    double breachWidth = band.halfWidth(sla.breachK(), sla.minRelativeSpread());
    double riskWidth = band.halfWidth(sla.atRiskK(), sla.minRelativeSpread() * sla.atRiskK() / sla.breachK());
    measured.put("expected_records", band.median());
    measured.put("band_lower", Math.max(0, band.median() - breachWidth));
    measured.put("band_upper", band.median() + breachWidth);
    double deviation = observed - band.median();
    CheckStatus status;
    if (Math.abs(deviation) > breachWidth) {
      status = CheckStatus.BREACHED;
    } else if (Math.abs(deviation) > riskWidth) {
      status = CheckStatus.AT_RISK;
    } else {
      status = CheckStatus.OK;
    }
    String direction = deviation < 0 ? "drop" : "spike";
    List<String> findings = status == CheckStatus.OK ? List.of()
        : List.of(direction + ": " + observed + " records added in interval starting " + evaluatedStart
            + ", expected " + Math.round(band.median()) + " +- " + Math.round(breachWidth)
            + " (median of " + band.points() + " days)");
    String summary = status == CheckStatus.OK
        ? observed + " records added in interval starting " + evaluatedStart + ", within band"
        : "volume " + direction + " in interval starting " + evaluatedStart;
    return new CheckResult(input.key(NAME), status, summary, measured, findings, now);
  }
}

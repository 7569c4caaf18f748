package org.dnsmesh.quality.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.dnsmesh.quality.contract.Threshold;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;

/**
 * Record-level drift: the share of records the pipeline quarantined because they did not match the
 * contract, overall and per reason, over a recent window.
 */
public final class RecordDriftCheck implements QualityCheck {
  public static final String NAME = "record_drift";

  private final QuarantineSource source;
  private final Duration window;
  private final Threshold threshold;

  public RecordDriftCheck(QuarantineSource source, Duration window, Threshold threshold) {
    this.source = Objects.requireNonNull(source, "source");
    this.window = Objects.requireNonNull(window, "window");
    this.threshold = Objects.requireNonNull(threshold, "threshold");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(CheckInput input) throws Exception {
    Optional<QuarantineStats> stats = source.stats(input.contract().table(), input.now().minus(window), input.now());
    if (stats.isEmpty() || stats.get().total() == 0) {
      return new CheckResult(input.key(NAME), CheckStatus.OK, "no records reported in the last " + window,
          Map.of(), List.of(), input.now());
    }
    QuarantineStats counts = stats.get();
    double total = counts.total();
    Map<String, Double> measured = new LinkedHashMap<>();
    double rate = counts.quarantined() / total;
    measured.put("quarantine_rate", rate);
    List<String> findings = new ArrayList<>();
    CheckStatus status = threshold.classify(rate);
    for (Map.Entry<String, Long> reason : new TreeMap<>(counts.quarantinedByReason()).entrySet()) {
      double share = reason.getValue() / total;
      measured.put("quarantine_rate." + reason.getKey(), share);
      if (threshold.classify(share) != CheckStatus.OK || status != CheckStatus.OK) {
        findings.add(String.format(java.util.Locale.ROOT, "%s: %d of %d records (%.3f%%)", reason.getKey(),
            reason.getValue(), (long) total, share * 100));
      }
    }
    String summary = String.format(java.util.Locale.ROOT, "%.3f%% of %d records quarantined in the last %s",
        rate * 100, (long) total, window);
    return new CheckResult(input.key(NAME), status, summary, measured, findings, input.now());
  }
}

package org.dnsmesh.quality.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dnsmesh.quality.contract.ContractView;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.table.TableView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured checks on one table in order. A check that throws yields an ERROR result naming the
 * check and table; the others still run. Measurements of earlier checks are passed on as
 * {@code <check>.<measurement>} for named-metric contract rules, so the rule check goes last.
 */
public final class CheckEngine {
  private static final Logger LOG = LoggerFactory.getLogger(CheckEngine.class);

  private final List<QualityCheck> checks;

  public CheckEngine(List<QualityCheck> checks) {
    this.checks = List.copyOf(Objects.requireNonNull(checks, "checks"));
  }

  /** The metadata-only checks (freshness, volume, schema drift): no SQL engine needed. */
  public static CheckEngine metadataOnly() {
    return new CheckEngine(List.of(new FreshnessCheck(), new VolumeCheck(), new SchemaDriftCheck()));
  }

  public List<QualityCheck> checks() {
    return checks;
  }

  public List<CheckResult> run(ContractView contract, TableView table, Instant now) {
    List<CheckResult> results = new ArrayList<>();
    Map<String, Double> metrics = new HashMap<>();
    for (QualityCheck check : checks) {
      CheckInput input = new CheckInput(contract, table, now, metrics);
      CheckResult result;
      try {
        result = check.run(input);
      } catch (Exception e) {
        // one line per failure (it repeats every cycle until fixed); the stack trace only when debugging
        LOG.warn("check {} failed on {}: {}", check.name(), contract.table(), e.toString());
        LOG.debug("check {} failed on {}", check.name(), contract.table(), e);
        result = CheckResult.error(input.key(check.name()), now, e);
      }
      results.add(result);
      result.measurements().forEach((name, value) -> metrics.put(check.name() + "." + name, value));
    }
    return results;
  }
}

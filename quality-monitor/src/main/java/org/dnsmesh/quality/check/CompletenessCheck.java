package org.dnsmesh.quality.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.dnsmesh.quality.contract.CompletenessSla;
import org.dnsmesh.quality.contract.ContractColumn;
import org.dnsmesh.quality.contract.Threshold;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.model.TableKey;

/**
 * Null rate of required columns, share of values outside enums / ranges and share of rows with duplicate
 * keys, over the newest window only, via SQL (Trino in the service); and, with a {@link RecordArrivalSource}, record
 * completeness as the contracts define it, records that arrive in the table or the quarantine table:
 * (written + quarantined) / (written + quarantined + unparsed dead letters) over the same window, against the
 * contract's completeness promise ({@link CompletenessSla#recordLoss()}), so lines that never became events count.
 */
public final class CompletenessCheck implements QualityCheck {
  public static final String NAME = "completeness";

  private final SqlRunner sql;
  private final Function<TableKey, String> sqlTableName;
  private final Optional<RecordArrivalSource> arrivals;

  /** @param sqlTableName the table's qualified SQL name, e.g. {@code "dns"."resolver"."queries"} */
  public CompletenessCheck(SqlRunner sql, Function<TableKey, String> sqlTableName) {
    this(sql, sqlTableName, Optional.empty());
  }

  /** @param arrivals where written, quarantined and dead-lettered records are counted; empty: rows only */
  public CompletenessCheck(SqlRunner sql, Function<TableKey, String> sqlTableName,
      Optional<RecordArrivalSource> arrivals) {
    this.sql = Objects.requireNonNull(sql, "sql");
    this.sqlTableName = Objects.requireNonNull(sqlTableName, "sqlTableName");
    this.arrivals = Objects.requireNonNull(arrivals, "arrivals");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(CheckInput input) throws Exception {
    CompletenessSla sla = input.contract().completeness();
    String table = sqlTableName.apply(input.contract().table());
    Instant since = input.now().minus(sla.window());
    CompletenessQueries.Profile profile = CompletenessQueries.profile(input.contract(), table, since);
    Map<String, Double> row = sql.singleRow(profile.sql());
    double rows = row.getOrDefault("row_count", 0.0);
    Map<String, Double> measured = new LinkedHashMap<>();
    measured.put("rows", rows);
    List<String> findings = new ArrayList<>();
    CheckStatus status = CheckStatus.OK;
    Optional<RecordArrivals> records = Optional.empty();
    if (arrivals.isPresent()) {
      records = arrivals.get().arrivals(input.contract().table(), since, input.now());
      if (records.isPresent()) {
        status = judgeRecords(records.get(), sla.recordLoss(), measured, findings);
      }
    }
    String recordSummary = records.map(CompletenessCheck::describe).orElse("");
    if (rows == 0) {
      // no rows to profile, but lines that never became rows are still a verdict (all of them lost: breached)
      String summary = status == CheckStatus.OK ? "no rows since " + since + " to check" + recordSummary
          : "no rows since " + since + recordSummary;
      return new CheckResult(input.key(NAME), status, summary, measured, findings, input.now());
    }
    for (int i = 0; i < profile.requiredColumns().size(); i++) {
      ContractColumn column = profile.requiredColumns().get(i);
      status = status.worst(judge("null_rate." + column.name(), row.getOrDefault("null_" + i, 0.0) / rows,
          sla.nullRate(), "nulls in required column " + column.name(), measured, findings));
    }
    for (int i = 0; i < profile.validatedColumns().size(); i++) {
      ContractColumn column = profile.validatedColumns().get(i);
      status = status.worst(judge("invalid_share." + column.name(), row.getOrDefault("invalid_" + i, 0.0) / rows,
          sla.invalidShare(), "values outside the allowed set/range in " + column.name(), measured, findings));
    }
    if (!input.contract().keyColumns().isEmpty()) {
      Map<String, Double> duplicates = sql.singleRow(CompletenessQueries.duplicates(input.contract(), table, since));
      double total = duplicates.getOrDefault("row_count", 0.0);
      double share = total == 0 ? 0 : duplicates.getOrDefault("duplicate_rows", 0.0) / total;
      status = status.worst(judge("duplicate_share", share, sla.duplicateShare(),
          "rows with a duplicate key " + input.contract().keyColumns(), measured, findings));
    }
    String summary = status == CheckStatus.OK
        ? (long) rows + " rows since " + since + " complete and valid" + recordSummary
        : findings.size() + " completeness/validity finding(s) over " + (long) rows + " rows since " + since
            + recordSummary;
    return new CheckResult(input.key(NAME), status, summary, measured, findings, input.now());
  }

  /**
   * The three counts are measured and named in the finding; the copies of quarantined records on the dead-letter
   * topic are measured apart, never added (the quarantine table counts them already).
   */
  private static CheckStatus judgeRecords(RecordArrivals records, Threshold recordLoss, Map<String, Double> measured,
      List<String> findings) {
    measured.put("records.written", (double) records.written());
    measured.put("records.quarantined", (double) records.quarantined());
    measured.put("records.unparsed", (double) records.unparsed());
    measured.put("records.dead_letter_quarantine_copies", (double) records.deadLetters().quarantineCopies());
    measured.put("record_completeness", records.completeness());
    CheckStatus status = recordLoss.classify(records.lossShare());
    if (status != CheckStatus.OK) {
      findings.add(String.format(Locale.ROOT,
          "record completeness %.4f%% (%s below %.4f%%): %d written, %d quarantined, %d unparsed dead letters",
          records.completeness() * 100, status == CheckStatus.BREACHED ? "breach" : "at risk",
          100 - (status == CheckStatus.BREACHED ? recordLoss.breach() : recordLoss.atRisk()) * 100,
          records.written(), records.quarantined(), records.unparsed()));
    }
    return status;
  }

  private static String describe(RecordArrivals records) {
    return String.format(Locale.ROOT, "; records %.4f%% complete (%d written, %d quarantined, %d unparsed dead letters)",
        records.completeness() * 100, records.written(), records.quarantined(), records.unparsed());
  }

  private static CheckStatus judge(String metric, double share, Threshold threshold, String what,
      Map<String, Double> measured, List<String> findings) {
    measured.put(metric, share);
    CheckStatus status = threshold.classify(share);
    if (status != CheckStatus.OK) {
      findings.add(String.format(java.util.Locale.ROOT, "%s: %.4f%% (%s above %.4f%%)", what, share * 100,
          status == CheckStatus.BREACHED ? "breach" : "at risk",
          (status == CheckStatus.BREACHED ? threshold.breach() : threshold.atRisk()) * 100));
    }
    return status;
  }
}

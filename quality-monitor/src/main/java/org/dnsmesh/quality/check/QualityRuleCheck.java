package org.dnsmesh.quality.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.dnsmesh.quality.contract.QualityRule;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.model.TableKey;

/**
 * The rules of the contract's {@code quality} section. SQL rules run a query returning one number
 * ({@code ${object}} stands for the table); METRIC rules read a measurement of the checks that ran
 * before in the same cycle, named {@code <check>.<measurement>}, e.g. {@code volume.added_records}.
 */
public final class QualityRuleCheck implements QualityCheck {
  public static final String NAME = "contract_rules";

  private final SqlRunner sql;
  private final Function<TableKey, String> sqlTableName;

  public QualityRuleCheck(SqlRunner sql, Function<TableKey, String> sqlTableName) {
    this.sql = Objects.requireNonNull(sql, "sql");
    this.sqlTableName = Objects.requireNonNull(sqlTableName, "sqlTableName");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(CheckInput input) throws Exception {
    List<QualityRule> rules = input.contract().rules();
    Map<String, Double> measured = new LinkedHashMap<>();
    List<String> findings = new ArrayList<>();
    CheckStatus status = CheckStatus.OK;
    for (QualityRule rule : rules) {
      double actual = switch (rule.kind()) {
        case SQL -> firstNumber(rule, input);
        case METRIC -> {
          Double value = input.metrics().get(rule.expression());
          if (value == null) {
            findings.add(rule.name() + ": metric '" + rule.expression() + "' was not measured this cycle (known: "
                + new java.util.TreeSet<>(input.metrics().keySet()) + ")");
            status = status.worst(CheckStatus.ERROR);
            yield Double.NaN;
          }
          yield value;
        }
      };
      if (Double.isNaN(actual)) {
        continue;
      }
      measured.put(rule.name(), actual);
      if (!rule.comparison().holds(actual, rule.value(), rule.upper())) {
        status = status.worst(CheckStatus.BREACHED);
        findings.add(rule.name() + ": " + actual + " violates " + rule.comparison().odcsName() + " " + rule.value()
            + (rule.comparison().name().contains("BETWEEN") ? " and " + rule.upper() : ""));
      }
    }
    String summary = rules.isEmpty() ? "contract has no quality rules"
        : (rules.size() - findings.size()) + " of " + rules.size() + " contract rule(s) hold";
    return new CheckResult(input.key(NAME), status, summary, measured, findings, input.now());
  }

  private double firstNumber(QualityRule rule, CheckInput input) throws java.sql.SQLException {
    String query = rule.expression().replace("${object}", sqlTableName.apply(input.contract().table()));
    Map<String, Double> row = sql.singleRow(query);
    if (row.isEmpty()) {
      throw new java.sql.SQLException("rule " + rule.name() + " returned no column");
    }
    return row.values().iterator().next();
  }
}

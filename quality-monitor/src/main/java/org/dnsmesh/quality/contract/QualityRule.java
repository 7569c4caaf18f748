package org.dnsmesh.quality.contract;

import java.util.Objects;

/**
 * One rule from the contract's {@code quality} section.
 *
 * @param kind SQL (a query returning one number; {@code ${object}} is replaced by the table) or METRIC
 *     (a metric measured by the monitor's other checks, e.g. {@code null_rate.qname}, {@code volume.added_records})
 * @param expression the SQL query or the metric name
 * @param upper upper bound for the between operators, otherwise ignored
 */
public record QualityRule(String name, Kind kind, String expression, Comparison comparison, double value, double upper) {
  public enum Kind {
    SQL,
    METRIC
  }

  public QualityRule {
    Objects.requireNonNull(name, "rule name");
    Objects.requireNonNull(kind, "kind of rule " + name);
    Objects.requireNonNull(expression, "expression of rule " + name);
    Objects.requireNonNull(comparison, "comparison of rule " + name);
  }

  public static QualityRule sql(String name, String query, Comparison comparison, double value) {
    return new QualityRule(name, Kind.SQL, query, comparison, value, value);
  }

  public static QualityRule metric(String name, String metric, Comparison comparison, double value) {
    return new QualityRule(name, Kind.METRIC, metric, comparison, value, value);
  }
}

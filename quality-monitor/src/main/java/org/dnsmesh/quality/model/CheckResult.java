package org.dnsmesh.quality.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Result of one check on one table.
 *
 * @param measurements named numbers the check measured (e.g. {@code null_rate.qname}); used by history,
 *     metrics, lineage facets and the contract's named-metric rules
 * @param findings human-readable lines saying what is wrong (empty when OK)
 */
public record CheckResult(
    CheckKey key,
    CheckStatus status,
    String summary,
    Map<String, Double> measurements,
    List<String> findings,
    Instant checkedAt) {

  public CheckResult {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(checkedAt, "checkedAt");
    measurements = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(measurements, "measurements")));
    findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
  }

  public static CheckResult error(CheckKey key, Instant at, Exception cause) {
    String message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return new CheckResult(key, CheckStatus.ERROR, "check failed to run on " + key.table() + ": " + message,
        Map.of(), List.of(message), at);
  }
}

package org.dnsmesh.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What the contract says one table keeps: rows whose {@code timeColumn} is older than {@code retention} go, and
 * snapshots older than {@code timeTravel} are expired. {@code granularity} is the unit of the table's time partition
 * (days for {@code day(event_ts)}): the cutoff is rounded down to it so whole partitions are dropped (Trino deletes
 * them from metadata alone), which keeps rows at most one partition longer than the retention, never shorter.
 * {@code rule} says which declaration decided the retention, for the report and the audit log.
 */
public record TableRetention(TrinoTable table, String timeColumn, Duration retention, Duration timeTravel,
                             ChronoUnit granularity, String contractVersion, String rule) {
  public TableRetention {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(timeColumn, "timeColumn");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(timeTravel, "timeTravel");
    Objects.requireNonNull(granularity, "granularity");
    Objects.requireNonNull(contractVersion, "contractVersion");
    Objects.requireNonNull(rule, "rule");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention of " + table + " must be positive, was " + retention);
    }
    if (timeTravel.isNegative()) {
      throw new IllegalArgumentException("time-travel window of " + table + " must not be negative, was " + timeTravel);
    }
  }

  /** Rows strictly older than this go: now - retention, rounded down to the partition granularity. */
  public Instant cutoff(Instant now) {
    Instant raw = now.minus(retention);
    return switch (granularity) {
      case YEARS, MONTHS -> raw.atZone(java.time.ZoneOffset.UTC).toLocalDate().withDayOfMonth(1)
          .withMonth(granularity == ChronoUnit.YEARS ? 1 : raw.atZone(java.time.ZoneOffset.UTC).getMonthValue())
          .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      default -> raw.truncatedTo(granularity);
    };
  }

  /** Snapshots committed before this are expired. */
  public Instant snapshotCutoff(Instant now) {
    return now.minus(timeTravel);
  }
}

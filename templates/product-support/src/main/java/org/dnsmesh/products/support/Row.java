package org.dnsmesh.products.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * Typed read access to one published row (the map the ingest publishes, or an Iceberg record read back as a map),
 * for derived-table transforms. Missing columns read as null.
 */
public record Row(Map<String, Object> values) {

  public Row {
    Objects.requireNonNull(values, "values");
  }

  public String string(String column) {
    Object v = values.get(column);
    return v == null ? null : v.toString();
  }

  public Double number(String column) {
    return values.get(column) instanceof Number n ? n.doubleValue() : null;
  }

  public boolean isTrue(String column) {
    return Boolean.TRUE.equals(values.get(column));
  }

  public Instant instant(String column) {
    Object v = values.get(column);
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (v instanceof Long micros) {
      return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
    throw new IllegalArgumentException("column '" + column + "' is not a timestamp: " + v);
  }

  /** The UTC hour {@code event_ts} falls in. */
  public Instant hour() {
    return instant("event_ts").truncatedTo(ChronoUnit.HOURS);
  }

  /** The UTC day {@code event_ts} falls in. */
  public LocalDate day() {
    return LocalDate.ofInstant(instant("event_ts"), ZoneOffset.UTC);
  }
}

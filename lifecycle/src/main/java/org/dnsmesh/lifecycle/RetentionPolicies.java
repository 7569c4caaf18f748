package org.dnsmesh.lifecycle;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dnsmesh.contracts.CustomPropertyKeys;
import org.dnsmesh.contracts.SlaValues;
import org.dnsmesh.contracts.model.CustomProperties;
import org.dnsmesh.contracts.model.CustomProperty;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.contracts.model.SchemaObject;
import org.dnsmesh.contracts.model.SchemaProperty;
import org.dnsmesh.contracts.model.SlaProperty;

/**
 * Reads a contract's retention for each of its tables. For a table, the first of these decides:
 * <ol>
 *   <li>the table's own {@code retention} custom property ({@code 30d});</li>
 *   <li>the contract's {@code retentionByClassification} map: the shortest duration among the classifications of
 *       the table's columns (raw client-level data shorter than aggregates);</li>
 *   <li>the contract's SLA {@code retention}.</li>
 * </ol>
 * A table none of these covers keeps its rows (listed in {@link Result#unmanaged()}). The time column is the table's
 * {@code retentionColumn}, else the column of its {@code day/hour/month/year} partition; the time-travel window is the
 * contract's {@code timeTravel} ({@value #DEFAULT_TIME_TRAVEL_DAYS} days when absent).
 */
public final class RetentionPolicies {
  /** Time travel kept when a contract does not say (Trino's own minimum for expire_snapshots is 7 days). */
  public static final int DEFAULT_TIME_TRAVEL_DAYS = 7;

  private static final Pattern TIME_PARTITION = Pattern.compile("\\s*(year|month|day|hour)\\(\\s*([A-Za-z0-9_]+)\\s*\\)\\s*");

  private RetentionPolicies() {}

  /** The tables a contract manages, and those it leaves without retention (with the reason). */
  public record Result(List<TableRetention> managed, Map<String, String> unmanaged) {
    public Result {
      managed = List.copyOf(managed);
      unmanaged = Map.copyOf(unmanaged);
    }
  }

  public static Result of(DataContract contract) {
    String domain = contract.domain();
    if (domain == null || domain.isBlank()) {
      throw new IllegalArgumentException("contract " + contract.id() + " has no domain");
    }
    Duration timeTravel = CustomProperties.find(contract.customProperties(), CustomPropertyKeys.TIME_TRAVEL)
        .map(p -> duration(p.value(), CustomPropertyKeys.TIME_TRAVEL))
        .orElse(Duration.ofDays(DEFAULT_TIME_TRAVEL_DAYS));
    Optional<Duration> slaRetention = contract.sla("retention").map(sla -> SlaValues.duration(sla)
        .orElseThrow(() -> new IllegalArgumentException("SLA retention '" + sla.value() + " " + sla.unit()
            + "' of " + contract.id() + " is not a duration")));
    Map<String, Duration> byClassification = byClassification(contract);
    List<TableRetention> managed = new ArrayList<>();
    Map<String, String> unmanaged = new java.util.LinkedHashMap<>();
    for (SchemaObject object : contract.schema()) {
      if (object.physicalType() != null && !"table".equalsIgnoreCase(object.physicalType())) {
        continue;
      }
      TrinoTable table = new TrinoTable(domain, domain, object.name());
      Optional<Duration> own = CustomProperties.find(object.customProperties(), CustomPropertyKeys.RETENTION)
          .map(p -> duration(p.value(), object.name() + "." + CustomPropertyKeys.RETENTION));
      Duration retention;
      String rule;
      Optional<Map.Entry<String, Duration>> classified = object.properties().stream()
          .map(SchemaProperty::classification)
          .filter(c -> c != null && byClassification.containsKey(c.toLowerCase(Locale.ROOT)))
          .map(c -> Map.entry(c.toLowerCase(Locale.ROOT), byClassification.get(c.toLowerCase(Locale.ROOT))))
          .min(Map.Entry.comparingByValue());
      if (own.isPresent()) {
        retention = own.get();
        rule = "table retention " + days(retention);
      } else if (classified.isPresent()) {
        retention = classified.get().getValue();
        rule = "classification " + classified.get().getKey() + " " + days(retention);
      } else if (slaRetention.isPresent()) {
        retention = slaRetention.get();
        rule = "SLA retention " + days(retention);
      } else {
        unmanaged.put(table.toString(), "no retention declared (table, classification or SLA): rows are kept");
        continue;
      }
      List<String> partitioning = CustomProperties.strings(object.customProperties(), CustomPropertyKeys.PARTITIONING);
      Optional<String> declared = CustomProperties.string(object.customProperties(), CustomPropertyKeys.RETENTION_COLUMN);
      Optional<Matcher> partition = partitioning.stream().map(TIME_PARTITION::matcher).filter(Matcher::matches)
          .filter(m -> declared.isEmpty() || declared.get().equals(m.group(2))).findFirst();
      String column = declared.or(() -> partition.map(m -> m.group(2))).orElse(null);
      if (column == null) {
        unmanaged.put(table.toString(), "retention " + days(retention) + " declared but no time column: set "
            + CustomPropertyKeys.RETENTION_COLUMN + " or partition by day(<column>)");
        continue;
      }
      if (object.property(column).isEmpty()) {
        throw new IllegalArgumentException("retention column '" + column + "' of " + table + " is not a column of "
            + object.name());
      }
      ChronoUnit granularity = partition.map(m -> switch (m.group(1)) {
        case "year" -> ChronoUnit.YEARS;
        case "month" -> ChronoUnit.MONTHS;
        case "day" -> ChronoUnit.DAYS;
        default -> ChronoUnit.HOURS;
      }).orElse(ChronoUnit.SECONDS);
      managed.add(new TableRetention(table, column, retention, timeTravel, granularity,
          contract.version() == null ? "unversioned" : contract.version(), rule));
    }
    return new Result(managed, unmanaged);
  }

  private static Map<String, Duration> byClassification(DataContract contract) {
    Optional<CustomProperty> property = CustomProperties.find(contract.customProperties(),
        CustomPropertyKeys.RETENTION_BY_CLASSIFICATION);
    if (property.isEmpty()) {
      return Map.of();
    }
    if (!(property.get().value() instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(CustomPropertyKeys.RETENTION_BY_CLASSIFICATION
          + " must be a map of classification to duration, e.g. {restricted: 30d}");
    }
    Map<String, Duration> result = new java.util.HashMap<>();
    map.forEach((key, value) -> result.put(String.valueOf(key).toLowerCase(Locale.ROOT),
        duration(value, CustomPropertyKeys.RETENTION_BY_CLASSIFICATION + "." + key)));
    return Map.copyOf(result);
  }

  static Duration duration(Object value, String what) {
    SlaProperty asSla = new SlaProperty(null, "retention", value, null, null, null, null, null, null, null);
    Duration duration = SlaValues.duration(asSla).orElseThrow(() -> new IllegalArgumentException(
        what + " '" + value + "' is not a duration (e.g. 30d, 12h, P400D)"));
    if (duration.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, was " + value);
    }
    return duration;
  }

  private static String days(Duration duration) {
    return duration.toSeconds() % 86_400 == 0 ? duration.toDays() + "d" : duration.toString();
  }
}

package org.dnsmesh.products.eu;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.dnsmesh.products.support.Percentiles;
import org.dnsmesh.products.support.Row;

/**
 * {@code latency_by_zone_hourly}: per UTC hour and zone, the number of responses and the p50 / p95 / p99 of
 * {@code latency_ms} by the nearest-rank method ({@link Percentiles}). {@code count} counts every response; the
 * percentiles use the responses with a latency and are null when none has one.
 */
public final class LatencyByZone {

  public record Hourly(Instant hour, String zone, long count, Double p50, Double p95, Double p99) {
    public Hourly {
      Objects.requireNonNull(hour, "hour");
      Objects.requireNonNull(zone, "zone");
    }
  }

  private LatencyByZone() {}

  public static List<Hourly> hourly(Iterable<Row> rows) {
    Map<Instant, Map<String, List<Row>>> groups = new TreeMap<>();
    for (Row row : rows) {
      groups.computeIfAbsent(row.hour(), h -> new TreeMap<>())
          .computeIfAbsent(row.string("zone"), z -> new ArrayList<>()).add(row);
    }
    List<Hourly> out = new ArrayList<>();
    groups.forEach((hour, zones) -> zones.forEach((zone, zoneRows) -> {
      double[] latencies = zoneRows.stream().map(r -> r.number("latency_ms")).filter(Objects::nonNull)
          .mapToDouble(Double::doubleValue).toArray();
      Arrays.sort(latencies);
      boolean none = latencies.length == 0;
      out.add(new Hourly(hour, zone, zoneRows.size(),
          none ? null : Percentiles.sortedNearestRank(latencies, 50),
          none ? null : Percentiles.sortedNearestRank(latencies, 95),
          none ? null : Percentiles.sortedNearestRank(latencies, 99)));
    }));
    return out;
  }
}

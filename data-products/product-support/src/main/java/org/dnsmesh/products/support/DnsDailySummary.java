package org.dnsmesh.products.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code dns_daily_summary}: the registrar-telemetry daily metrics of a resolver-facing product, one row per UTC day.
 * <ul>
 *   <li>{@code queries}: events that day; {@code qps = queries / 86400} (a whole UTC day, also for partial days);</li>
 *   <li>{@code unique_resolvers}: distinct non-null values of the product's resolver column;</li>
 *   <li>{@code nxdomain_rate}, {@code servfail_rate}: share of events with that rcode (over all events);</li>
 *   <li>{@code p95_latency_ms}: nearest-rank p95 over events with a latency ({@code null} when none has one).</li>
 * </ul>
 */
public final class DnsDailySummary {

  /** One day. */
  public record Day(LocalDate day, long queries, double qps, long uniqueResolvers, double nxdomainRate,
      double servfailRate, Double p95LatencyMs) {
    public Day {
      Objects.requireNonNull(day, "day");
    }
  }

  private DnsDailySummary() {}

  public static List<Day> of(Iterable<Row> rows, String resolverColumn) {
    Map<LocalDate, List<Row>> byDay = new TreeMap<>();
    for (Row row : rows) {
      byDay.computeIfAbsent(row.day(), d -> new ArrayList<>()).add(row);
    }
    List<Day> out = new ArrayList<>();
    byDay.forEach((day, dayRows) -> {
      Set<String> resolvers = new HashSet<>();
      long nx = 0;
      long servfail = 0;
      double[] latencies = new double[dayRows.size()];
      int withLatency = 0;
      for (Row row : dayRows) {
        String resolver = row.string(resolverColumn);
        if (resolver != null) {
          resolvers.add(resolver);
        }
        String rcode = row.string("rcode");
        if ("NXDOMAIN".equals(rcode)) {
          nx++;
        } else if ("SERVFAIL".equals(rcode)) {
          servfail++;
        }
        Double latency = row.number("latency_ms");
        if (latency != null) {
          latencies[withLatency++] = latency;
        }
      }
      long n = dayRows.size();
      Double p95 = withLatency == 0 ? null
          : Percentiles.nearestRank(java.util.Arrays.copyOf(latencies, withLatency), 95);
      out.add(new Day(day, n, n / 86_400.0, resolvers.size(), (double) nx / n, (double) servfail / n, p95));
    });
    return out;
  }
}

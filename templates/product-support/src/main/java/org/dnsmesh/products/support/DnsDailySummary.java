package org.dnsmesh.products.support;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code dns_daily_summary}: the daily metrics of a resolver-facing product, one row per UTC day, defined as an
 * operator reads them (the product contract's README table states the same definitions):
 * <ul>
 *   <li>{@code queries}: events that day; {@code answered}: those with a response code (a response was seen);</li>
 *   <li>{@code capture_seconds}: last minus first {@code event_ts} of the day (at least 1 s);
 *       {@code qps = queries / capture_seconds}, the rate while the capture ran (not over 86,400 s: a two-hour capture
 *       is not 12x quieter);</li>
 *   <li>{@code unique_clients}: distinct non-null values of the client column; {@code unique_resolvers}: of the
 *       resolver column (separate metrics: a resolver is not a client);</li>
 *   <li>{@code nxdomain_rate}, {@code servfail_rate}: share of <em>answered</em> events with that rcode (a query that
 *       never got an answer is neither); null when nothing was answered;</li>
 *   <li>{@code p95_latency_ms}: nearest-rank p95 over events with a latency ({@code null} when none has one).</li>
 * </ul>
 */
public final class DnsDailySummary {

  /** One day. */
  public record Day(LocalDate day, long queries, long answered, double captureSeconds, double qps, long uniqueClients,
      long uniqueResolvers, Double nxdomainRate, Double servfailRate, Double p95LatencyMs) {
    public Day {
      Objects.requireNonNull(day, "day");
    }
  }

  private DnsDailySummary() {}

  /**
   * @param clientColumn the column that identifies a client ({@code client_id})
   * @param resolverColumn the column that identifies a resolver ({@code server_ip}; the client column where the
   *     clients are the resolvers, as at an edge cache)
   */
  public static List<Day> of(Iterable<Row> rows, String clientColumn, String resolverColumn) {
    Map<LocalDate, List<Row>> byDay = new TreeMap<>();
    for (Row row : rows) {
      byDay.computeIfAbsent(row.day(), d -> new ArrayList<>()).add(row);
    }
    List<Day> out = new ArrayList<>();
    byDay.forEach((day, dayRows) -> {
      Set<String> clients = new HashSet<>();
      Set<String> resolvers = new HashSet<>();
      long answered = 0;
      long nx = 0;
      long servfail = 0;
      Instant first = null;
      Instant last = null;
      double[] latencies = new double[dayRows.size()];
      int withLatency = 0;
      for (Row row : dayRows) {
        Instant ts = row.instant("event_ts");
        first = first == null || ts.isBefore(first) ? ts : first;
        last = last == null || ts.isAfter(last) ? ts : last;
        addIfPresent(clients, row.string(clientColumn));
        addIfPresent(resolvers, row.string(resolverColumn));
        String rcode = row.string("rcode");
        if (rcode != null) {
          answered++;
          if ("NXDOMAIN".equals(rcode)) {
            nx++;
          } else if ("SERVFAIL".equals(rcode)) {
            servfail++;
          }
        }
        Double latency = row.number("latency_ms");
        if (latency != null) {
          latencies[withLatency++] = latency;
        }
      }
      long n = dayRows.size();
      double span = Math.max(1.0, java.time.Duration.between(first, last).toNanos() / 1e9);
      Double p95 = withLatency == 0 ? null
          : Percentiles.nearestRank(java.util.Arrays.copyOf(latencies, withLatency), 95);
      out.add(new Day(day, n, answered, span, n / span, clients.size(), resolvers.size(),
          answered == 0 ? null : (double) nx / answered, answered == 0 ? null : (double) servfail / answered, p95));
    });
    return out;
  }

  private static void addIfPresent(Set<String> values, String value) {
    if (value != null) {
      values.add(value);
    }
  }
}

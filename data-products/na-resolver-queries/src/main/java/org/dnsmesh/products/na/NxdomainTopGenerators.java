package org.dnsmesh.products.na;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.dnsmesh.products.support.Row;

/**
 * {@code nxdomain_top_generators_hourly}: per UTC hour, the {@code n} pseudonymised clients with the most NXDOMAIN
 * answers. Rank 1 is the largest count; ties are ordered by {@code client_id} ascending so the table is
 * deterministic. Clients without an NXDOMAIN that hour do not appear. {@code nxdomain_share} = the client's
 * NXDOMAIN count / its queries that hour.
 */
public final class NxdomainTopGenerators {

  public record Hourly(Instant hour, int rank, String clientId, long nxdomainCount, long queries,
      double nxdomainShare) {
    public Hourly {
      Objects.requireNonNull(hour, "hour");
      Objects.requireNonNull(clientId, "clientId");
    }
  }

  private NxdomainTopGenerators() {}

  public static List<Hourly> hourly(Iterable<Row> rows, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("top-N needs n >= 1, was " + n);
    }
    Map<Instant, Map<String, long[]>> byHour = new TreeMap<>();
    for (Row row : rows) {
      String client = row.string("client_id");
      if (client == null) {
        continue; // the contract requires client_id; a null here is a quarantined row
      }
      long[] counts = byHour.computeIfAbsent(row.hour(), h -> new HashMap<>())
          .computeIfAbsent(client, c -> new long[2]);
      counts[1]++;
      if ("NXDOMAIN".equals(row.string("rcode"))) {
        counts[0]++;
      }
    }
    List<Hourly> out = new ArrayList<>();
    byHour.forEach((hour, clients) -> {
      List<Map.Entry<String, long[]>> ranked = new ArrayList<>();
      clients.entrySet().stream().filter(e -> e.getValue()[0] > 0).forEach(ranked::add);
      ranked.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
          .thenComparing(Map.Entry::getKey));
      for (int i = 0; i < Math.min(n, ranked.size()); i++) {
        long[] c = ranked.get(i).getValue();
        out.add(new Hourly(hour, i + 1, ranked.get(i).getKey(), c[0], c[1], (double) c[0] / c[1]));
      }
    });
    return out;
  }
}

package org.dnsmesh.products.apac;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.dnsmesh.products.support.Row;

/**
 * {@code cache_hit_ratio_hourly}: per UTC hour, PoP and qtype, {@code hit_ratio = hits / requests} where requests are
 * all events of the group and hits those with {@code cache_hit = true}.
 */
public final class CacheHitRatio {

  public record Hourly(Instant hour, String pop, String qtype, long requests, long hits, double hitRatio) {
    public Hourly {
      Objects.requireNonNull(hour, "hour");
      Objects.requireNonNull(pop, "pop");
    }
  }

  private CacheHitRatio() {}

  public static List<Hourly> hourly(Iterable<Row> rows) {
    Map<Instant, Map<String, Map<String, long[]>>> groups = new TreeMap<>();
    for (Row row : rows) {
      String qtype = row.string("qtype") == null ? "" : row.string("qtype");
      long[] c = groups.computeIfAbsent(row.hour(), h -> new TreeMap<>())
          .computeIfAbsent(row.string("pop"), p -> new TreeMap<>()).computeIfAbsent(qtype, q -> new long[2]);
      c[0]++;
      if (row.isTrue("cache_hit")) {
        c[1]++;
      }
    }
    List<Hourly> out = new ArrayList<>();
    groups.forEach((hour, pops) -> pops.forEach((pop, qtypes) -> qtypes.forEach((qtype, c) ->
        out.add(new Hourly(hour, pop, qtype, c[0], c[1], (double) c[1] / c[0])))));
    return out;
  }
}

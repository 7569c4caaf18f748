package ${package};

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.dnsmesh.products.support.Row;

/** Starter derived table {@code queries_per_tld_hourly}: per UTC hour and tld, queries and NXDOMAIN share. */
public final class QueriesPerTld {

  public record Hourly(Instant hour, String tld, long queries, long nxdomains, double nxdomainRate) {
    public Hourly {
      Objects.requireNonNull(hour, "hour");
      Objects.requireNonNull(tld, "tld");
    }
  }

  private QueriesPerTld() {}

  public static List<Hourly> hourly(Iterable<Row> rows) {
    Map<Instant, Map<String, long[]>> groups = new TreeMap<>();
    for (Row row : rows) {
      String tld = row.string("tld") == null ? "" : row.string("tld");
      long[] c = groups.computeIfAbsent(row.hour(), h -> new TreeMap<>()).computeIfAbsent(tld, t -> new long[2]);
      c[0]++;
      if ("NXDOMAIN".equals(row.string("rcode"))) {
        c[1]++;
      }
    }
    List<Hourly> out = new ArrayList<>();
    groups.forEach((hour, tlds) -> tlds.forEach((tld, c) -> out.add(new Hourly(hour, tld, c[0], c[1],
        (double) c[1] / c[0]))));
    return out;
  }
}

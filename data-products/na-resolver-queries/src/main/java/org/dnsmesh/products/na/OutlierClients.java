package org.dnsmesh.products.na;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.dnsmesh.products.support.RobustStats;
import org.dnsmesh.products.support.Row;

/**
 * {@code outlier_clients_daily}: per UTC day and pseudonymised client, query volume and NXDOMAIN ratio with their
 * robust z-scores against all clients that day ({@link RobustStats}: {@code z = (x - median) / (1.4826 * MAD)}).
 * A client is an outlier when {@code |z| > threshold} on either metric (default 3.5, Iglewicz and Hoaglin). Every
 * client of the day gets a row, so the scores can be inspected; {@code outlier} flags the ones to look at.
 */
public final class OutlierClients {

  public static final double DEFAULT_THRESHOLD = 3.5;

  public record Daily(LocalDate day, String clientId, long queries, long nxdomains, double nxdomainRatio,
      double volumeZ, double nxdomainRatioZ, boolean outlier) {
    public Daily {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(clientId, "clientId");
    }
  }

  private OutlierClients() {}

  public static List<Daily> daily(Iterable<Row> rows, double threshold) {
    Map<LocalDate, Map<String, long[]>> byDay = new TreeMap<>();
    for (Row row : rows) {
      String client = row.string("client_id");
      if (client == null) {
        continue;
      }
      long[] counts = byDay.computeIfAbsent(row.day(), d -> new TreeMap<>()).computeIfAbsent(client, c -> new long[2]);
      counts[0]++;
      if ("NXDOMAIN".equals(row.string("rcode"))) {
        counts[1]++;
      }
    }
    List<Daily> out = new ArrayList<>();
    byDay.forEach((day, clients) -> {
      double[] volumes = new double[clients.size()];
      double[] ratios = new double[clients.size()];
      int i = 0;
      for (long[] c : clients.values()) {
        volumes[i] = c[0];
        ratios[i++] = (double) c[1] / c[0];
      }
      RobustStats volume = RobustStats.of(volumes);
      RobustStats ratio = RobustStats.of(ratios);
      clients.forEach((client, c) -> {
        double r = (double) c[1] / c[0];
        double zv = volume.z(c[0]);
        double zr = ratio.z(r);
        out.add(new Daily(day, client, c[0], c[1], r, zv, zr,
            Math.abs(zv) > threshold || Math.abs(zr) > threshold));
      });
    });
    return out;
  }
}

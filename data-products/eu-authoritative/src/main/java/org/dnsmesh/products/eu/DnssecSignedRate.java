package org.dnsmesh.products.eu;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.dnsmesh.products.support.Row;

/**
 * {@code dnssec_signed_rate_daily}: per UTC day and zone, {@code signed_rate = signed answers / answers}, where
 * answers are all responses of the zone that day and signed ones have {@code dnssec_signed = true}.
 */
public final class DnssecSignedRate {

  public record Daily(LocalDate day, String zone, long answers, long signed, double signedRate) {
    public Daily {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(zone, "zone");
    }
  }

  private DnssecSignedRate() {}

  public static List<Daily> daily(Iterable<Row> rows) {
    Map<LocalDate, Map<String, long[]>> groups = new TreeMap<>();
    for (Row row : rows) {
      long[] c = groups.computeIfAbsent(row.day(), d -> new TreeMap<>())
          .computeIfAbsent(row.string("zone"), z -> new long[2]);
      c[0]++;
      if (row.isTrue("dnssec_signed")) {
        c[1]++;
      }
    }
    List<Daily> out = new ArrayList<>();
    groups.forEach((day, zones) -> zones.forEach((zone, c) ->
        out.add(new Daily(day, zone, c[0], c[1], (double) c[1] / c[0]))));
    return out;
  }
}

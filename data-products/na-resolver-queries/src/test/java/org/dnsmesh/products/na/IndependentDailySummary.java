package org.dnsmesh.products.na;

import java.io.BufferedReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dnsmesh.products.support.DnsDailySummary;

/**
 * An independent implementation of {@code dns_daily_summary} over a one-day Zeek TSV log, for tests: plain Java on
 * the log's text, sharing no code with the product (no reader, normaliser, duplicate filter or summary class).
 */
record IndependentDailySummary(long queries, long excluded, DnsDailySummary.Day day) {

  static IndependentDailySummary of(Path zeekTsv) throws Exception {
    return of(zeekTsv, false);
  }

  /**
   * @param excludeLinkLocal leave out NetBIOS (port 137), mDNS (port 5353, 224.0.0.251, ff02::fb, local and the names under
   *     it) and LLMNR (port 5355, 224.0.0.252, ff02::1:3) lines before anything else
   */
  static IndependentDailySummary of(Path zeekTsv, boolean excludeLinkLocal) throws Exception {
    Set<String> linkLocalPorts = Set.of("137", "5353", "5355");
    Set<String> multicast = Set.of("224.0.0.251", "ff02::fb", "224.0.0.252", "ff02::1:3");
    long excluded = 0;
    Map<String, Integer> column = new HashMap<>();
    Map<String, Long> lastSeen = new HashMap<>();
    long minMicros = Long.MAX_VALUE;
    long maxMicros = Long.MIN_VALUE;
    long queries = 0;
    long answered = 0;
    long nx = 0;
    long servfail = 0;
    Set<String> clients = new HashSet<>();
    Set<String> resolvers = new HashSet<>();
    List<Double> latencies = new ArrayList<>();
    LocalDate day = null;
    try (BufferedReader in = Files.newBufferedReader(zeekTsv, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("#fields\t")) {
          String[] names = line.split("\t");
          for (int i = 1; i < names.length; i++) {
            column.put(names[i], i - 1);
          }
          continue;
        }
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        long micros = new BigDecimal(f[column.get("ts")]).movePointRight(6).longValueExact();
        String query = f[column.get("query")];
        if (excludeLinkLocal && (linkLocalPorts.contains(f[column.get("id.resp_p")])
            || multicast.contains(f[column.get("id.resp_h")]) || query.toLowerCase(Locale.ROOT).endsWith(".local")
            || query.equalsIgnoreCase("local"))) {
          excluded++;
          continue;
        }
        String transaction = String.join("|", f[column.get("uid")], f[column.get("id.orig_h")],
            f[column.get("id.orig_p")], f[column.get("id.resp_h")], f[column.get("id.resp_p")],
            f[column.get("proto")], f[column.get("trans_id")], query.toLowerCase(Locale.ROOT), f[column.get("qtype")],
            f[column.get("rcode")], f[column.get("answers")]);
        Long previous = lastSeen.put(transaction, micros);
        if (previous != null && Math.abs(micros - previous) <= 1_000) {
          continue; // a capture copy
        }
        if (query.equals("-")) {
          continue; // no query: rejected by the contract, not in the table
        }
        queries++;
        minMicros = Math.min(minMicros, micros);
        maxMicros = Math.max(maxMicros, micros);
        day = java.time.Instant.ofEpochSecond(micros / 1_000_000).atZone(ZoneOffset.UTC).toLocalDate();
        clients.add(f[column.get("id.orig_h")]);
        resolvers.add(f[column.get("id.resp_h")]);
        String rcode = f[column.get("rcode_name")];
        if (!rcode.equals("-")) {
          answered++;
          nx += rcode.equals("NXDOMAIN") ? 1 : 0;
          servfail += rcode.equals("SERVFAIL") ? 1 : 0;
        }
        String rtt = f[column.get("rtt")];
        if (!rtt.equals("-")) {
          latencies.add(Double.parseDouble(rtt) * 1000.0);
        }
      }
    }
    double span = Math.max(1.0, (maxMicros - minMicros) / 1e6);
    double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    Double p95 = sorted.length == 0 ? null : sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
    return new IndependentDailySummary(queries, excluded, new DnsDailySummary.Day(day, queries, answered, span, queries / span,
        clients.size(), resolvers.size(), answered == 0 ? null : (double) nx / answered,
        answered == 0 ? null : (double) servfail / answered, p95));
  }
}

package org.dnsmesh.e2e.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.iceberg.Table;
import org.apache.iceberg.rest.RESTCatalog;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.PostgresDatabase;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.productkit.catalog.CatalogConnection;
import org.dnsmesh.products.pdns.PassiveDns;
import org.dnsmesh.products.pdns.Rrset;
import org.dnsmesh.products.pdns.RrsetHistory;
import org.dnsmesh.products.pdns.RrsetObservations;
import org.dnsmesh.products.support.Row;

/**
 * Passive-DNS benchmark (issue 18 item 5; a runner, not a test). On its own stack: {@code --events} synthetic answer
 * rows (seeded; {@code --events / 8} names with a skewed popularity, each resolving to one of three addresses, every
 * tenth name through a CDN CNAME, one in five with an AAAA; times spread over 30 days, out of order) merged into
 * {@code na.rrset_history} through the catalog's Iceberg REST API as {@code publisher-na}, {@code --batch} rows per
 * merge, the product's own path ({@link RrsetObservations} then {@link RrsetHistory#merge}, one commit each). Then,
 * through Trino as the analyst {@code ana} (the policy's rules for the table apply), the lookup latency of "names for
 * an IP" over {@code --lookups} addresses, with "IPs of a name" (the partition-pruned lookup) and a full count as
 * baselines in the same run. Prints a table, writes JSON.
 *
 * PassiveDnsBench [--events 10000000] [--batch 1000000] [--lookups 30] [--warmup 5] [--out target/bench/passive-dns-bench.json]
 */
public final class PassiveDnsBench {
  private PassiveDnsBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    long events = Long.parseLong(options.getOrDefault("--events", "10000000"));
    int batch = Integer.parseInt(options.getOrDefault("--batch", "1000000"));
    int lookups = Integer.parseInt(options.getOrDefault("--lookups", "30"));
    int warmup = Integer.parseInt(options.getOrDefault("--warmup", "5"));
    Path out = Path.of(options.getOrDefault("--out", "target/bench/passive-dns-bench.json"));
    StackConfig config = StackConfig.fromEnvironment(EphemeralKafka.projectHome())
        .withStateDir(Files.createTempDirectory("dnsmesh-bench-")).withDatabase("dnsmesh_bench_pdns").withFreePorts();
    new PostgresDatabase(config.postgres()).dropDatabase();
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode report = json.createObjectNode();
    System.out.printf(Locale.ROOT, "[bench] %d cores, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    try (MeshStack stack = new MeshStack(config, message -> System.out.println("[mesh] " + message))) {
      stack.up();
      String publisher = stack.tokens().mint("publisher-na", List.of(), List.of("na"), Duration.ofHours(2));
      Generator generator = new Generator(events, 20261207L);
      RrsetHistory history = new RrsetHistory(PassiveDns.rrsetContract());
      long mergeNanos = 0;
      long aggregateNanos = 0;
      long rrsetsUpserted = 0;
      try (RESTCatalog catalog = CatalogConnection.of(config.catalogUrl(), publisher).icebergCatalog("na")) {
        Table table = history.createOrLoad(catalog);
        System.out.printf(Locale.ROOT, "%n%8s %12s %12s %12s %10s %12s%n", "merge", "events", "batch rrsets",
            "table rows", "seconds", "events/s");
        for (long done = 0, merge = 1; done < events; merge++) {
          int n = (int) Math.min(batch, events - done);
          long a = System.nanoTime();
          Map<Rrset.Key, Rrset> observed = new HashMap<>();
          RrsetObservations.add(generator.rows(done, n), observed);
          long b = System.nanoTime();
          table.refresh();
          long rows = history.merge(table, observed, Map.of("dnsmesh.product", "na-passive-dns",
              RrsetHistory.EVENTS, Integer.toString(n)));
          long c = System.nanoTime();
          aggregateNanos += b - a;
          mergeNanos += c - b;
          rrsetsUpserted += observed.size();
          done += n;
          table.refresh();
          long total = Long.parseLong(table.currentSnapshot().summary().get("total-records"));
          System.out.printf(Locale.ROOT, "%8d %12d %12d %12d %10.1f %12.0f%n", merge, n, observed.size(), total,
              (c - a) / 1e9, n / ((c - a) / 1e9));
        }
        table.refresh();
        long total = Long.parseLong(table.currentSnapshot().summary().get("total-records"));
        int files = Integer.parseInt(table.currentSnapshot().summary().get("total-data-files"));
        double seconds = (mergeNanos + aggregateNanos) / 1e9;
        System.out.printf(Locale.ROOT, "%n%d events -> %d rrsets (%d data files) in %.1f s: %.0f events/s, %.0f rrset"
            + " upserts/s (aggregation %.1f s, Iceberg merge+commit %.1f s)%n", events, total, files, seconds,
            events / seconds, rrsetsUpserted / seconds, aggregateNanos / 1e9, mergeNanos / 1e9);
        report.put("events", events).put("batch", batch).put("rrsets", total).put("dataFiles", files)
            .put("seconds", seconds).put("eventsPerSecond", events / seconds)
            .put("rrsetUpsertsPerSecond", rrsetsUpserted / seconds).put("aggregationSeconds", aggregateNanos / 1e9)
            .put("mergeSeconds", mergeNanos / 1e9);
      }

      Properties ana = new Properties();
      ana.setProperty("accessToken", stack.tokens().mint("ana", List.of("analyst"), List.of(), Duration.ofHours(1)));
      try (Connection trino = DriverManager.getConnection(config.trinoJdbcUrl(), ana)) {
        List<String> ips = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Random pick = new Random(7);
        for (int i = 0; i < lookups; i++) {
          int name = generator.name(pick);
          names.add(Generator.nameOf(name));
          ips.add(Generator.ipOf(name, pick.nextInt(3)));
        }
        String byIp = "SELECT rrname, first_seen, last_seen, count FROM na.na.rrset_history"
            + " WHERE rdata = ? AND rrtype IN ('A', 'AAAA') ORDER BY last_seen DESC";
        String byName = "SELECT rdata, rrtype, first_seen, last_seen, count FROM na.na.rrset_history"
            + " WHERE rrname = ? ORDER BY first_seen";
        long[] found = new long[1];
        double[] ipMillis = time(trino, byIp, ips, warmup, found);
        long namesFound = found[0];
        double[] nameMillis = time(trino, byName, names, warmup, found);
        double[] countMillis = time(trino, "SELECT count(*) FROM na.na.rrset_history WHERE ? <> ''",
            List.of("x", "x", "x", "x", "x"), 1, new long[1]);
        System.out.printf(Locale.ROOT, "%n%-40s %10s %10s %10s%n", "lookup through Trino (as ana)", "p50 ms", "p90 ms",
            "max ms");
        print("names for an IP (rdata = ?)", ipMillis);
        print("IPs of a name (rrname = ?)", nameMillis);
        print("full count(*) (reference)", countMillis);
        System.out.printf(Locale.ROOT, "names found for the %d IPs: %d%n", lookups, namesFound);
        report.put("lookups", lookups).put("namesForIpP50Ms", percentile(ipMillis, 50))
            .put("namesForIpP90Ms", percentile(ipMillis, 90)).put("ipsOfNameP50Ms", percentile(nameMillis, 50))
            .put("ipsOfNameP90Ms", percentile(nameMillis, 90)).put("fullCountP50Ms", percentile(countMillis, 50))
            .put("namesFoundForIps", namesFound);
      }
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    json.writeValue(out.toFile(), report);
    System.out.println("[bench] wrote " + out);
  }

  private static void print(String label, double[] millis) {
    System.out.printf(Locale.ROOT, "%-40s %10.1f %10.1f %10.1f%n", label, percentile(millis, 50),
        percentile(millis, 90), percentile(millis, 100));
  }

  private static double[] time(Connection trino, String sql, List<String> values, int warmup, long[] rows)
      throws Exception {
    double[] millis = new double[values.size()];
    try (PreparedStatement statement = trino.prepareStatement(sql)) {
      for (int i = -warmup; i < values.size(); i++) {
        statement.setString(1, values.get(Math.floorMod(i, values.size())));
        long start = System.nanoTime();
        try (ResultSet result = statement.executeQuery()) {
          while (result.next()) {
            if (i >= 0) {
              rows[0]++;
            }
          }
        }
        if (i >= 0) {
          millis[i] = (System.nanoTime() - start) / 1e6;
        }
      }
    }
    return millis;
  }

  private static double percentile(double[] values, int percentile) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1))];
  }

  /** Seeded synthetic answer rows, generated on the fly (never held). */
  static final class Generator {
    private final int names;
    private final long seed;
    private final Instant start = Instant.parse("2026-11-07T00:00:00Z");

    Generator(long events, long seed) {
      this.names = (int) Math.max(1_000, events / 8);
      this.seed = seed;
    }

    /** Skewed popularity: low indexes are queried far more often. */
    int name(Random random) {
      double u = random.nextDouble();
      return (int) (u * u * names);
    }

    static String nameOf(int name) {
      return "h" + name + ".zone" + (name % 97) + ".example";
    }

    static String ipOf(int name, int which) {
      int v = name * 3 + which;
      return "10." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    Iterable<Row> rows(long first, int count) {
      Random random = new Random(seed ^ first);
      return () -> new Iterator<>() {
        int i;

        @Override
        public boolean hasNext() {
          return i < count;
        }

        @Override
        public Row next() {
          i++;
          int name = name(random);
          List<String> answers = new ArrayList<>(3);
          List<String> types = new ArrayList<>(3);
          List<Long> ttls = new ArrayList<>(3);
          if (name % 10 == 0) {
            answers.add("cdn" + (name % 50) + ".cdn.example");
            types.add("CNAME");
            ttls.add(3600L);
          }
          answers.add(ipOf(name, random.nextInt(3)));
          types.add("A");
          ttls.add((long) (60 + random.nextInt(240)));
          if (name % 5 == 0) {
            answers.add("2001:db8::" + Integer.toHexString(name));
            types.add("AAAA");
            ttls.add(300L);
          }
          Map<String, Object> values = new HashMap<>(8);
          values.put("query_name", nameOf(name));
          values.put("event_ts", start.plusMillis((long) (random.nextDouble() * 30L * 86_400_000L)));
          values.put("answers", answers);
          values.put("answer_types", types);
          values.put("ttls", ttls);
          return new Row(values);
        }
      };
    }
  }
}

package org.dnsmesh.e2e.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.rest.RESTCatalog;
import org.dnsmesh.governance.bench.DecisionLatencyBench;
import org.dnsmesh.infra.demo.DemoData;
import org.dnsmesh.infra.iceberg.IcebergAppender;
import org.dnsmesh.infra.iceberg.LocalFileIO;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.PostgresDatabase;
import org.dnsmesh.infra.stack.StackConfig;

/**
 * Issues 7 and 20: embedded decision latency (goal p99 <= 20 us, {@link DecisionLatencyBench}) and the cost of
 * enforcement alone on the real stack. The same query runs as an analyst whose view is enforced by Trino's rules
 * (ana: a row filter that keeps half the rows, a mask that computes a value per row: client_ip cut to /24) and,
 * as a principal who sees everything in clear (nora, steward of na), written by hand with exactly the filter and
 * mask expressions the compiled rules give ana (read from the stack's rules.json). Both must return the same
 * answer; the ratio of their medians is the overhead of enforcement (goal <= 1.10x). The plain query as nora
 * (all rows, no expressions) is reported beside it for scale. Starts its own stack on free ports, writes
 * {@code --rows} extra rows into na.resolver.queries (half region na, half eu), alternates the runs so drift hits
 * all equally. Not a test; see e2e/README.md. A missed goal exits 1.
 * <pre>
 * GovernanceBench [--rows 300000] [--runs 15] [--warmup 3] [--samples 200000] [--decision-warmup 50000]
 *                 [--out target/bench/governance-bench.json]
 * </pre>
 */
public final class GovernanceBench {
  /**
   * Touches the computed mask on every row it reads (client_ip: /24 for ana) and a clear column; no nullified
   * column (qname is NULL for ana, which would make the enforced side do less work).
   */
  static final String QUERY = "SELECT count(DISTINCT client_ip), sum(length(client_ip)), count(DISTINCT client_id),"
      + " count(*) FROM na.resolver.queries";
  private static final double GOAL_RATIO = 1.10;

  private GovernanceBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    int rows = Integer.parseInt(options.getOrDefault("--rows", "300000"));
    int runs = Integer.parseInt(options.getOrDefault("--runs", "15"));
    int warmup = Integer.parseInt(options.getOrDefault("--warmup", "3"));
    Path out = Path.of(options.getOrDefault("--out", "target/bench/governance-bench.json"));
    Path home = EphemeralKafka.projectHome();
    Path decisionsJson = out.resolveSibling("decision-latency.json");

    System.out.println("== embedded decision latency");
    DecisionLatencyBench.main(new String[] {"--policy", home.resolve("governance/policies/mesh-policy.yaml").toString(),
        "--tables", home.resolve("governance/policies/demo-tables.yaml").toString(),
        "--samples", options.getOrDefault("--samples", "200000"),
        "--warmup", options.getOrDefault("--decision-warmup", "50000"),
        "--out", decisionsJson.toString()});

    System.out.println("== Trino: enforced by the rules (ana) vs the same expressions written by hand (nora)");
    StackConfig config = StackConfig.fromEnvironment(home).withStateDir(Files.createTempDirectory("dnsmesh-bench-"))
        .withDatabase("dnsmesh_bench_governance").withFreePorts();
    new PostgresDatabase(config.postgres()).dropDatabase();
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode report = json.createObjectNode();
    boolean goalMet;
    try (MeshStack stack = new MeshStack(config, message -> System.out.println("[mesh] " + message))) {
      stack.up();
      new DemoData(config, stack.tokens()).seed();
      long writeStart = System.nanoTime();
      appendRows(config, stack, rows);
      System.out.printf(Locale.ROOT, "[bench] wrote %d rows into na.resolver.queries in %.1f s%n", rows,
          (System.nanoTime() - writeStart) / 1e9);

      EnforcedView ana = EnforcedView.of(config.layout().trinoRules(), "ana", "na", "resolver", "queries");
      String byHand = ana.writtenByHand(QUERY, List.of("client_ip", "client_id"));
      System.out.println("[bench] ana's rule: filter " + ana.filter() + "; masks " + ana.masks());
      System.out.println("[bench] written by hand: " + byHand);
      String anaToken = stack.tokens().mint("ana", List.of("analyst"), List.of(), Duration.ofHours(1));
      String noraToken = stack.tokens().mint("nora", List.of("steward"), List.of("na"), Duration.ofHours(1));
      Map<String, String[]> users = new LinkedHashMap<>(); // label -> token, query
      users.put("enforced (ana: rules' filter + masks)", new String[] {anaToken, QUERY});
      users.put("by hand (nora: same expressions)", new String[] {noraToken, byHand});
      users.put("plain (nora: all rows, clear)", new String[] {noraToken, QUERY});
      Map<String, long[]> timings = new LinkedHashMap<>();
      Map<String, Connection> connections = new LinkedHashMap<>();
      for (Map.Entry<String, String[]> user : users.entrySet()) {
        Properties properties = new Properties();
        properties.setProperty("accessToken", user.getValue()[0]);
        connections.put(user.getKey(), DriverManager.getConnection(config.trinoJdbcUrl(), properties));
        timings.put(user.getKey(), new long[runs]);
      }
      Map<String, List<Object>> answers = new LinkedHashMap<>();
      for (int i = -warmup; i < runs; i++) {
        for (String user : users.keySet()) {
          long start = System.nanoTime();
          try (Statement statement = connections.get(user).createStatement();
              ResultSet result = statement.executeQuery(users.get(user)[1])) {
            result.next();
            List<Object> answer = new ArrayList<>();
            for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
              answer.add(result.getObject(column));
            }
            answers.put(user, answer);
          }
          if (i >= 0) {
            timings.get(user)[i] = System.nanoTime() - start;
          }
        }
      }
      for (Connection connection : connections.values()) {
        connection.close();
      }

      report.put("benchmark", "governance: embedded decisions + Trino masking overhead");
      report.put("timestamp", Instant.now().toString());
      report.put("cpus", Runtime.getRuntime().availableProcessors());
      report.put("rows", rows + 5);
      report.put("runs", runs);
      report.put("warmupRuns", warmup);
      report.put("query", QUERY);
      report.put("queryWrittenByHand", byHand);
      List<List<Object>> distinct = new ArrayList<>(answers.values());
      if (!distinct.get(0).equals(distinct.get(1))) {
        throw new IllegalStateException("the enforced and the hand-written query disagree: " + answers
            + " (the bench would compare different work)");
      }
      System.out.println("[bench] answers: " + answers);
      report.set("decisions", json.readTree(decisionsJson.toFile()));
      ArrayNode trino = report.putArray("trino");
      System.out.printf(Locale.ROOT, "%-44s %9s %9s %9s %9s%n", "user", "p50 ms", "mean ms", "min ms", "max ms");
      List<Double> medians = new ArrayList<>();
      for (Map.Entry<String, long[]> timing : timings.entrySet()) {
        long[] nanos = timing.getValue().clone();
        Arrays.sort(nanos);
        double p50 = nanos[nanos.length / 2] / 1e6;
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        medians.add(p50);
        System.out.printf(Locale.ROOT, "%-44s %9.1f %9.1f %9.1f %9.1f%n", timing.getKey(), p50, mean, nanos[0] / 1e6,
            nanos[nanos.length - 1] / 1e6);
        trino.addObject().put("user", timing.getKey()).put("p50Millis", p50).put("meanMillis", mean)
            .put("minMillis", nanos[0] / 1e6).put("maxMillis", nanos[nanos.length - 1] / 1e6);
      }
      double ratio = medians.get(0) / medians.get(1);
      boolean met = ratio <= GOAL_RATIO;
      System.out.printf(Locale.ROOT, "enforced / by hand (p50): %.3fx   goal <= %.2fx: %s   (enforced / plain: %.3fx)%n",
          ratio, GOAL_RATIO, met ? "met" : "MISSED", medians.get(0) / medians.get(2));
      report.put("enforcedOverByHandP50", ratio);
      report.put("enforcedOverPlainP50", medians.get(0) / medians.get(2));
      goalMet = met;
      report.put("goalRatio", GOAL_RATIO);
      report.put("goalMet", met);
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    json.writeValue(out.toFile(), report);
    System.out.println("wrote " + out);
    System.exit(goalMet ? 0 : 1);
  }

  /** Synthetic resolver queries (IPv4 clients, a few thousand names) written through the catalog as publisher-na. */
  private static void appendRows(StackConfig config, MeshStack stack, int rows) throws Exception {
    try (RESTCatalog catalog = new RESTCatalog()) {
      catalog.initialize("na", Map.of(
          "uri", config.icebergRestUrl(), "warehouse", "na",
          "token", stack.tokens().mint("publisher-na", List.of("publisher"), List.of("na"), Duration.ofMinutes(30)),
          "io-impl", LocalFileIO.class.getName(), "rest-metrics-reporting-enabled", "false"));
      Table table = catalog.loadTable(DemoData.QUERIES);
      OffsetDateTime start = OffsetDateTime.of(2026, 11, 24, 0, 0, 0, 0, ZoneOffset.UTC);
      String[] rcodes = {"NOERROR", "NOERROR", "NOERROR", "NXDOMAIN", "SERVFAIL"};
      String[] qtypes = {"A", "AAAA", "MX", "TXT", "NS"};
      int batch = 100_000;
      for (int offset = 0; offset < rows; offset += batch) {
        List<Record> records = new ArrayList<>();
        for (int i = offset; i < Math.min(rows, offset + batch); i++) {
          GenericRecord row = GenericRecord.create(table.schema());
          row.setField("ts", start.plusSeconds(i));
          row.setField("client_ip", "10." + (i % 200) + "." + ((i / 200) % 250) + "." + (i % 251));
          row.setField("client_id", "c-" + Integer.toHexString(i % 50_000));
          row.setField("qname", "host" + (i % 5_000) + ".example" + (i % 7) + ".com");
          row.setField("qtype", qtypes[i % qtypes.length]);
          row.setField("rcode", rcodes[i % rcodes.length]);
          row.setField("latency_ms", i % 900);
          row.setField("resolver_id", "resolver-" + (i % 4));
          row.setField("region", i % 2 == 0 ? "na" : "eu");
          records.add(row);
        }
        IcebergAppender.append(table, records);
      }
    }
  }
}

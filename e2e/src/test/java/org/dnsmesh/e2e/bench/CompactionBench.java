package org.dnsmesh.e2e.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.dnsmesh.infra.demo.DemoData;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.PostgresDatabase;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.lifecycle.CompactionReport;
import org.dnsmesh.lifecycle.TrinoConnections;
import org.dnsmesh.lifecycle.TrinoTable;
import org.dnsmesh.lifecycle.TrinoTableMaintenance;

/**
 * Compaction benchmark (issue 18; a runner, not a test). On its own stack, {@code na.resolver.queries} gets a day
 * partition and {@code --commits} small Trino INSERTs (Parquet) of {@code --rows} rows each spread over
 * {@code --days} days, as a pipeline committing every few seconds leaves it. Then, in the same run: the typical product query (counts by
 * region and rcode over the last week, as the steward nora) timed {@code --runs} times on the small files (the
 * baseline), compaction as the maintenance principal ({@code optimize} + {@code optimize_manifests}), and the same
 * query timed again. Prints files per partition, manifests and query times before/after; writes JSON.
 *
 * CompactionBench [--commits 150] [--rows 200] [--days 10] [--runs 15] [--warmup 3] [--out target/bench/compaction-bench.json]
 */
public final class CompactionBench {
  private CompactionBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    int commits = Integer.parseInt(options.getOrDefault("--commits", "150"));
    int rowsPerCommit = Integer.parseInt(options.getOrDefault("--rows", "200"));
    int days = Integer.parseInt(options.getOrDefault("--days", "10"));
    int runs = Integer.parseInt(options.getOrDefault("--runs", "15"));
    int warmup = Integer.parseInt(options.getOrDefault("--warmup", "3"));
    Path out = Path.of(options.getOrDefault("--out", "target/bench/compaction-bench.json"));
    StackConfig config = StackConfig.fromEnvironment(EphemeralKafka.projectHome())
        .withStateDir(Files.createTempDirectory("dnsmesh-bench-")).withDatabase("dnsmesh_bench_compaction")
        .withFreePorts();
    new PostgresDatabase(config.postgres()).dropDatabase();
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode report = json.createObjectNode();
    try (MeshStack stack = new MeshStack(config, message -> System.out.println("[mesh] " + message))) {
      stack.up();
      new DemoData(config, stack.tokens()).seed();
      OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC);
      long writeStart = System.nanoTime();
      String lifecycle = stack.tokens().mint("lifecycle", List.of("maintenance"), List.of(), Duration.ofHours(1));
      TrinoTable table = new TrinoTable("na", "resolver", "queries");
      // small commits as Trino writes them (Parquet, one file per day partition touched), so before and after
      // compaction the query reads the same format: only the file layout differs
      Properties maintenance = new Properties();
      maintenance.setProperty("accessToken", lifecycle);
      try (Connection trino = DriverManager.getConnection(config.trinoJdbcUrl(), maintenance);
          Statement statement = trino.createStatement()) {
        statement.executeUpdate("ALTER TABLE " + table.sql() + " SET PROPERTIES partitioning = ARRAY['day(ts)']");
        for (int c = 0; c < commits; c++) {
          OffsetDateTime ts = end.minusMinutes((long) (commits - c) * days * 24 * 60 / commits);
          statement.executeUpdate("INSERT INTO " + table.sql() + " SELECT from_iso8601_timestamp('" + ts
              + "') + n * INTERVAL '1' SECOND / 1000, '198.51.100.' || CAST(n % 256 AS varchar),"
              + " 'c-' || CAST((n * 7919 + " + c + ") % 5000 AS varchar),"
              + " 'h' || CAST((n * 104729 + " + c * 31 + ") % 20000 AS varchar) || '.example.com',"
              + " IF(n % 2 = 0, 'A', 'AAAA'),"
              + " element_at(ARRAY['NOERROR', 'NOERROR', 'NOERROR', 'NXDOMAIN', 'SERVFAIL'], (n + " + c + ") % 5 + 1),"
              + " CAST((n * 13) % 200 AS integer), 'resolver-' || CAST(n % 4 AS varchar),"
              + " IF((n + " + c + ") % 2 = 0, 'na', 'eu') FROM UNNEST(sequence(1, " + rowsPerCommit + ")) AS r(n)");
        }
      }
      System.out.printf(Locale.ROOT, "[bench] %d commits x %d rows in %.1f s%n", commits, rowsPerCommit,
          (System.nanoTime() - writeStart) / 1e9);
      String query = "SELECT region, rcode, count(*), count(DISTINCT client_id) FROM " + table.sql()
          + " WHERE ts >= current_timestamp - INTERVAL '7' DAY GROUP BY region, rcode ORDER BY region, rcode";
      Properties nora = new Properties();
      nora.setProperty("accessToken", stack.tokens().mint("nora", List.of("steward"), List.of("na"), Duration.ofHours(1)));
      try (Connection trino = DriverManager.getConnection(config.trinoJdbcUrl(), nora)) {
        List<List<Object>> answerBefore = answer(trino, query);
        double[] before = time(trino, query, runs, warmup);
        long start = System.nanoTime();
        CompactionReport compaction = new TrinoTableMaintenance(TrinoConnections.withToken(config.trinoJdbcUrl(),
            () -> lifecycle), Duration.ofDays(7)).compact(table, "128MB");
        double compactionSeconds = (System.nanoTime() - start) / 1e9;
        double[] after = time(trino, query, runs, warmup);
        boolean same = answerBefore.equals(answer(trino, query));
        System.out.printf(Locale.ROOT, "%n%-28s %12s %12s%n", "", "before", "after");
        System.out.printf(Locale.ROOT, "%-28s %12d %12d%n", "rows", compaction.rowsBefore(), compaction.rowsAfter());
        System.out.printf(Locale.ROOT, "%-28s %12d %12d%n", "data files", compaction.dataFilesBefore(),
            compaction.dataFilesAfter());
        System.out.printf(Locale.ROOT, "%-28s %12d %12d%n", "max data files / partition",
            compaction.maxFilesPerPartitionBefore(), compaction.maxFilesPerPartitionAfter());
        System.out.printf(Locale.ROOT, "%-28s %12d %12d%n", "manifests", compaction.manifestsBefore(),
            compaction.manifestsAfter());
        System.out.printf(Locale.ROOT, "%-28s %12.1f %12.1f%n", "query p50 ms", percentile(before, 50),
            percentile(after, 50));
        System.out.printf(Locale.ROOT, "%-28s %12.1f %12.1f%n", "query p90 ms", percentile(before, 90),
            percentile(after, 90));
        System.out.printf(Locale.ROOT, "compaction took %.1f s; answers identical: %s; speed-up p50 %.2fx%n",
            compactionSeconds, same, percentile(before, 50) / percentile(after, 50));
        report.put("commits", commits).put("rowsPerCommit", rowsPerCommit).put("days", days).put("runs", runs);
        report.put("rowsBefore", compaction.rowsBefore()).put("rowsAfter", compaction.rowsAfter());
        report.put("dataFilesBefore", compaction.dataFilesBefore()).put("dataFilesAfter", compaction.dataFilesAfter());
        report.put("maxFilesPerPartitionBefore", compaction.maxFilesPerPartitionBefore())
            .put("maxFilesPerPartitionAfter", compaction.maxFilesPerPartitionAfter());
        report.put("manifestsBefore", compaction.manifestsBefore()).put("manifestsAfter", compaction.manifestsAfter());
        report.put("queryP50MsBefore", percentile(before, 50)).put("queryP50MsAfter", percentile(after, 50));
        report.put("queryP90MsBefore", percentile(before, 90)).put("queryP90MsAfter", percentile(after, 90));
        report.put("compactionSeconds", compactionSeconds).put("answersIdentical", same);
      }
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    json.writeValue(out.toFile(), report);
    System.out.println("[bench] wrote " + out);
  }

  private static List<List<Object>> answer(Connection trino, String sql) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement statement = trino.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
          row.add(result.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static double[] time(Connection trino, String sql, int runs, int warmup) throws Exception {
    double[] millis = new double[runs];
    for (int i = -warmup; i < runs; i++) {
      long start = System.nanoTime();
      answer(trino, sql);
      if (i >= 0) {
        millis[i] = (System.nanoTime() - start) / 1e6;
      }
    }
    return millis;
  }

  private static double percentile(double[] values, int percentile) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
  }
}

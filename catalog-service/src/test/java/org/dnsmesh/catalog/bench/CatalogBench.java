package org.dnsmesh.catalog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dnsmesh.catalog.TestDatabase;
import org.dnsmesh.catalog.TestClients;
import org.dnsmesh.catalog.TestKeys;
import org.dnsmesh.infra.iceberg.LocalFileIO;

/**
 * Benchmark runner (a main, not a test): loadTable and commit throughput and p50/p99 latency at 1, 8 and
 * 32 concurrent clients against this service (the built Quarkus app, JDBC catalog in PostgreSQL, tokens
 * verified and every request decided by the access policy) and, in the same run, against Iceberg's
 * reference {@code RESTCatalogServer} (iceberg-open-api test fixtures, JdbcCatalog in PostgreSQL, no auth),
 * each in its own JVM with the launcher's JVM flags and the same number of Iceberg JDBC connections
 * ({@code --pool}, default 8: the service's own default). Both get exactly the same raw HTTP requests (the
 * ones Iceberg's RESTCatalog client sends) over a working set of {@code --tables} tables (default 1,000;
 * a list such as {@code 100,1000,10000} draws the scale curve): loadTable {@code GET .../tables/t_<random>}
 * while a background writer commits to random tables of the set (so a cache is exercised honestly, not hit
 * on one unchanged table), a commit {@code POST .../tables/t_<random>} with {@code assert-table-uuid} +
 * {@code set-properties}, and every client committing to the same table. Cells are measured alternately
 * (reference, then this service) so machine load drifts hit both. The goals of issue 20 are judged at the
 * working set of 1,000 tables and 32 clients (loadTable and commit >= 2x the reference, loadTable p99 <= 10 ms);
 * a missed goal exits 1. Results go to {@code target/bench/catalog-bench.json}.
 *
 * <p>{@code --issuer} chooses whose tokens the service verifies on every request (the reference server has no
 * auth, so the comparison stays the same): {@code mesh} (default) signs them with the installation's own key, as
 * {@code ./mesh token} does; {@code oidc} makes the service trust an external OpenID Connect issuer
 * ({@code mesh.auth.oidc.issuer}, audience {@code dnsmesh}) and sends that issuer's RS256 tokens of a user in
 * group {@value #BENCH_GROUP}, which a copy of the policy maps to publisher-na through {@code idpGroups} (as the
 * end-to-end identity test maps Keycloak's eu-analyst to ana). The issuer is {@link StandInOidcIssuer}, a loopback
 * stand-in for the identity provider serving a discovery document and a JWKS with its own RSA key: what is
 * measured is the catalog verifying external RS256 tokens with keys from a JWKS, which does not depend on which
 * provider published them (why not Keycloak itself: see that class).
 */
public final class CatalogBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** GET a random table of the working set, while a background writer commits to random tables of it. */
  private static final String LOAD_TABLE = "loadTable";
  /** Each client commits to random tables of the working set: the cost of a (rarely contended) commit. */
  private static final String COMMIT = "commit";
  /** Every client commits to the same table: optimistic concurrency, server-side retries, 409s. */
  private static final String COMMIT_SAME_TABLE = "commit-1tbl";
  private static final String SECRET = TestClients.randomSecret();
  /** The external provider's group that the bench's policy copy maps to publisher-na ({@code --issuer oidc}). */
  static final String BENCH_GROUP = "bench-na-publishers";
  private static final List<String> JVM_FLAGS = List.of("-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED");

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final int seconds;
  private final int warmupSeconds;
  private final int[] clientCounts;
  private final int[] tableCounts;
  private final int poolSize;
  private final int backgroundCommitsPerSecond;
  /** {@code mesh} or {@code oidc}: whose tokens the service verifies. */
  private final String issuer;

  private CatalogBench(int seconds, int warmupSeconds, int[] clientCounts, int[] tableCounts, int poolSize,
      int backgroundCommitsPerSecond, String issuer) {
    this.issuer = issuer;
    this.seconds = seconds;
    this.warmupSeconds = warmupSeconds;
    this.clientCounts = clientCounts;
    this.tableCounts = Arrays.stream(tableCounts).sorted().toArray();
    this.poolSize = poolSize;
    this.backgroundCommitsPerSecond = backgroundCommitsPerSecond;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    Path jar = Path.of(options.getOrDefault("--jar", "catalog-service/target/quarkus-app/quarkus-run.jar"));
    Path out = Path.of(options.getOrDefault("--out", "catalog-service/target/bench/catalog-bench.json"));
    int seconds = Integer.parseInt(options.getOrDefault("--seconds", "10"));
    int warmup = Integer.parseInt(options.getOrDefault("--warmup", "3"));
    int[] clients = Arrays.stream(options.getOrDefault("--clients", "1,8,32").split(",")).mapToInt(Integer::parseInt).toArray();
    int[] tables = Arrays.stream(options.getOrDefault("--tables", "1000").split(",")).mapToInt(Integer::parseInt).toArray();
    int pool = Integer.parseInt(options.getOrDefault("--pool", "8"));
    int background = Integer.parseInt(options.getOrDefault("--background-commits", "20"));
    Path policy = Path.of(options.getOrDefault("--policy", "governance/policies/mesh-policy.yaml")).toAbsolutePath();
    String issuer = options.getOrDefault("--issuer", "mesh");
    if (!issuer.equals("mesh") && !issuer.equals("oidc")) {
      throw new IllegalArgumentException("--issuer must be mesh or oidc, not '" + issuer + "' (see --help)");
    }
    if (!Files.exists(jar)) {
      throw new IllegalStateException("Build the service first (" + jar + " is missing): see catalog-service/README.md#benchmark");
    }
    boolean goalsMet = new CatalogBench(seconds, warmup, clients, tables, pool, background, issuer).run(jar, policy, out);
    System.exit(goalsMet ? 0 : 1);
  }

  /** Runs every cell; answers whether the goals were met. */
  private boolean run(Path jar, Path policy, Path out) throws Exception {
    Path work = Files.createTempDirectory("catalog-bench");
    Path logs = out.toAbsolutePath().getParent();
    Files.createDirectories(logs);
    TestKeys.Files2 keys = TestKeys.write(work.resolve("keys"));
    StandInOidcIssuer oidc = issuer.equals("oidc") ? new StandInOidcIssuer() : null;
    if (oidc != null) {
      policy = policyMappingGroup(policy, "publisher-na", BENCH_GROUP, work.resolve("policy/mesh-policy.yaml"));
      progress("tokens: external OIDC issuer " + oidc.issuer() + " (stand-in), group " + BENCH_GROUP
          + " -> publisher-na through idpGroups");
    } else {
      progress("tokens: the mesh's own issuer, publisher-na");
    }
    String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
    progress("load average before: " + loadBefore + " (" + Runtime.getRuntime().availableProcessors() + " cores)");

    int servicePort = freePort();
    int referencePort = freePort();
    List<String> service = new ArrayList<>(List.of(java()));
    service.addAll(JVM_FLAGS);
    service.addAll(List.of(
        "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + servicePort,
        "-Dquarkus.datasource.jdbc.url=" + TestDatabase.recreate("dnsmesh_test_bench_catalog"),
        "-Dquarkus.datasource.username=postgres",
        "-Dmesh.warehouse.root=" + work.resolve("catalog-warehouse"),
        "-Dmesh.domains=na",
        "-Dmesh.warehouse.jdbc-pool-size=" + poolSize,
        "-Dmesh.auth.public-key=" + keys.publicKey(), "-Dmesh.auth.private-key=" + keys.privateKey(),
        "-Dmesh.auth.client-secrets-file=" + TestClients.write(work.resolve("secrets/oauth-clients.properties"), policy, SECRET),
        "-Dmesh.policy.file=" + policy));
    if (oidc != null) {
      service.add("-Dmesh.auth.oidc.issuer=" + oidc.issuer());
      service.add("-Dmesh.auth.oidc.audience=dnsmesh");
    }
    service.addAll(List.of("-jar", jar.toString()));
    List<String> reference = new ArrayList<>(List.of(java()));
    reference.addAll(JVM_FLAGS);
    reference.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.apache.iceberg.rest.RESTCatalogServer"));
    // RESTCatalogServer reads its catalog properties from CATALOG_* variables (RCKUtils: '__' -> '-', '_' -> '.')
    Map<String, String> referenceEnvironment = Map.of(
        "CATALOG_URI", TestDatabase.recreate("dnsmesh_test_bench_reference"),
        "CATALOG_JDBC_USER", "postgres",
        "CATALOG_JDBC_PASSWORD", "",
        "CATALOG_WAREHOUSE", "file://" + work.resolve("reference-warehouse"),
        "CATALOG_IO__IMPL", LocalFileIO.class.getName(),
        "CATALOG_CLIENTS", Integer.toString(poolSize), // JdbcClientPool size: the same as the service's
        "CATALOG_REST_PORT", Integer.toString(referencePort));
    Files.createDirectories(work.resolve("reference-warehouse"));

    Process serviceProcess = start(service, Map.of(), logs.resolve("bench-catalog-service.log"));
    Process referenceProcess = start(reference, referenceEnvironment, logs.resolve("bench-reference-server.log"));
    try {
      Target catalog = new Target("catalog-service", "http://127.0.0.1:" + servicePort + "/iceberg", "na");
      Target iceberg = new Target("iceberg-reference", "http://127.0.0.1:" + referencePort, null);
      await(serviceProcess, "http://127.0.0.1:" + servicePort + "/q/health/ready", null, logs.resolve("bench-catalog-service.log"));
      catalog.token = oidc != null ? oidc.token("bench-user", List.of(BENCH_GROUP), "dnsmesh")
          : signedToken(keys.privateKey(), "publisher-na");
      await(referenceProcess, iceberg.base + "/v1/config", null, logs.resolve("bench-reference-server.log"));
      for (Target target : List.of(iceberg, catalog)) {
        target.prepare();
      }
      List<Cell> cells = new ArrayList<>();
      for (int tables : tableCounts) {
        for (Target target : List.of(iceberg, catalog)) {
          long created = System.nanoTime();
          target.ensureTables(tables);
          progress(String.format(Locale.ROOT, "  %s: working set of %d tables ready (%.1f s)", target.name, tables,
              (System.nanoTime() - created) / 1e9));
        }
        for (String operation : List.of(LOAD_TABLE, COMMIT, COMMIT_SAME_TABLE)) {
          for (int clients : clientCounts) {
            for (Target target : List.of(iceberg, catalog)) {
              Cell cell = measure(target, operation, clients, tables);
              cells.add(cell);
              progress(String.format(Locale.ROOT, "  %-18s %5d tables %-11s %2d clients: %8.1f ops/s  p50 %6.2f ms  p99 %6.2f ms  errors %d",
                  target.name, tables, operation, clients, cell.opsPerSecond(), cell.p50Ms(), cell.p99Ms(), cell.errors()));
            }
          }
        }
      }
      String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
      if (oidc != null) {
        // the keys are fetched once and cached (re-read when the cache expires), never per request
        progress("stand-in issuer: " + oidc.keyRequests.get() + " discovery/JWKS requests served during the run");
      }
      String table = table(cells, loadBefore, loadAfter);
      System.out.println();
      System.out.println(table);
      List<Goal> goals = goals(cells);
      goals.forEach(goal -> System.out.println(goal));
      write(out, cells, goals, loadBefore, loadAfter);
      System.out.println("wrote " + out.toAbsolutePath());
      return goals.stream().allMatch(Goal::met);
    } finally {
      stop(serviceProcess);
      stop(referenceProcess);
      if (oidc != null) {
        oidc.close();
      }
    }
  }

  // ---- the two operations

  private final class Target {
    final String name;
    final String base;
    final String warehouse;
    String token = "none";
    String root;
    /** The working set: table t_i at index i. */
    final List<String> tableUrls = new ArrayList<>();
    final List<String> tableUuids = new ArrayList<>();

    Target(String name, String base, String warehouse) {
      this.name = name;
      this.base = base;
      this.warehouse = warehouse;
    }

    /** Asks the config endpoint for the prefix, then creates namespace bench. */
    void prepare() throws Exception {
      JsonNode config = JSON.readTree(send("GET", base + "/v1/config" + (warehouse == null ? "" : "?warehouse=" + warehouse), null));
      String prefix = config.path("overrides").path("prefix").asText("");
      root = base + "/v1" + (prefix.isEmpty() ? "" : "/" + prefix);
      send("POST", root + "/namespaces", "{\"namespace\":[\"bench\"],\"properties\":{}}");
    }

    /** Grows the working set to {@code count} tables (bench.t_0 ... t_{count-1}). */
    void ensureTables(int count) throws Exception {
      for (int i = tableUrls.size(); i < count; i++) {
        tableUrls.add(root + "/namespaces/bench/tables/t_" + i);
        tableUuids.add(create(root, "t_" + i));
      }
    }

    private String create(String root, String name) throws Exception {
      JsonNode created = JSON.readTree(send("POST", root + "/namespaces/bench/tables",
          "{\"name\":\"" + name + "\",\"schema\":{\"type\":\"struct\",\"schema-id\":0,\"fields\":["
              + "{\"id\":1,\"name\":\"qname\",\"required\":true,\"type\":\"string\"},"
              + "{\"id\":2,\"name\":\"rcode\",\"required\":false,\"type\":\"int\"}]}}"));
      return created.path("metadata").path("table-uuid").asText();
    }

    void call(String operation, int tables, AtomicLong sequence) throws Exception {
      int table = java.util.concurrent.ThreadLocalRandom.current().nextInt(tables);
      switch (operation) {
        case LOAD_TABLE -> send("GET", tableUrls.get(table), null);
        case COMMIT -> commit(table, sequence);
        case COMMIT_SAME_TABLE -> commit(0, sequence);
        default -> throw new IllegalArgumentException(operation);
      }
    }

    void commit(int table, AtomicLong sequence) throws Exception {
      send("POST", tableUrls.get(table), "{\"requirements\":[{\"type\":\"assert-table-uuid\",\"uuid\":\"" + tableUuids.get(table) + "\"}],"
          + "\"updates\":[{\"action\":\"set-properties\",\"updates\":{\"bench.seq\":\"" + sequence.incrementAndGet() + "\"}}]}");
    }

    String send(String method, String url, String body) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(name + ": " + method + " " + url + " -> " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    }
  }

  record Cell(String target, String operation, int tables, int clients, long operations, double opsPerSecond,
              double p50Ms, double p99Ms, long errors, String firstError, long backgroundCommits) {}

  private Cell measure(Target target, String operation, int clients, int tables) throws Exception {
    AtomicLong sequence = new AtomicLong();
    // loadTable runs beside a steady writer: metadata changes under the readers as it does in a live mesh
    BackgroundWriter writer = operation.equals(LOAD_TABLE) ? new BackgroundWriter(target, tables, sequence) : null;
    try {
      runFor(target, operation, clients, tables, warmupSeconds, sequence, null); // warm-up, not recorded
      List<long[]> latencies = new ArrayList<>();
      long[] errors = new long[clients];
      String[] firstError = new String[1];
      long commitsBefore = writer == null ? 0 : writer.commits.get();
      long started = System.nanoTime();
      runFor(target, operation, clients, tables, seconds, sequence, new Recorder(latencies, errors, firstError));
      double elapsed = (System.nanoTime() - started) / 1e9;
      long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      return new Cell(target.name, operation, tables, clients, all.length, all.length / elapsed, percentile(all, 0.50),
          percentile(all, 0.99), Arrays.stream(errors).sum(), firstError[0],
          writer == null ? 0 : writer.commits.get() - commitsBefore);
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
  }

  /** Commits to random tables of the working set at a fixed rate, the same on both servers. */
  private final class BackgroundWriter implements AutoCloseable {
    final AtomicLong commits = new AtomicLong();
    private final java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

    BackgroundWriter(Target target, int tables, AtomicLong sequence) {
      if (backgroundCommitsPerSecond > 0) {
        timer.scheduleAtFixedRate(() -> {
          try {
            target.commit(java.util.concurrent.ThreadLocalRandom.current().nextInt(tables), sequence);
            commits.incrementAndGet();
          } catch (Exception e) {
            // counted as missing commits in the report; the readers' numbers are what this cell measures
          }
        }, 0, 1_000_000 / backgroundCommitsPerSecond, TimeUnit.MICROSECONDS);
      }
    }

    @Override
    public void close() throws InterruptedException {
      timer.shutdownNow();
      timer.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  private record Recorder(List<long[]> latencies, long[] errors, String[] firstError) {}

  private void runFor(Target target, String operation, int clients, int tables, int duration, AtomicLong sequence,
      Recorder recorder)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(duration);
    CountDownLatch done = new CountDownLatch(clients);
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread.ofPlatform().name("bench-client-" + c).start(() -> {
        long[] samples = new long[1024];
        int count = 0;
        try {
          while (System.nanoTime() < end) {
            long start = System.nanoTime();
            try {
              target.call(operation, tables, sequence);
              if (count == samples.length) {
                samples = Arrays.copyOf(samples, count * 2);
              }
              samples[count++] = System.nanoTime() - start;
            } catch (Exception e) {
              if (recorder != null) {
                recorder.errors()[client]++;
                synchronized (recorder) {
                  if (recorder.firstError()[0] == null) {
                    String message = String.valueOf(e.getMessage());
                    recorder.firstError()[0] = message.length() > 300 ? message.substring(0, 300) + "..." : message;
                  }
                }
              }
            }
          }
        } finally {
          if (recorder != null) {
            synchronized (recorder) {
              recorder.latencies().add(Arrays.copyOf(samples, count));
            }
          }
          done.countDown();
        }
      });
    }
    done.await();
  }

  private static double percentile(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  // ---- report

  private String table(List<Cell> cells, String loadBefore, String loadAfter) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "Catalog benchmark: %d s per cell after %d s warm-up; %d cores; %d Iceberg JDBC"
        + " connections on both; %d background commits/s under loadTable; service tokens: %s; load average %s -> %s%n",
        seconds, warmupSeconds, Runtime.getRuntime().availableProcessors(), poolSize, backgroundCommitsPerSecond,
        issuerDescription(), loadBefore, loadAfter));
    text.append(String.format(Locale.ROOT, "%6s %-11s %7s | %-23s | %-23s | %s%n", "tables", "operation", "clients",
        "  iceberg-reference", "  catalog-service", "throughput"));
    text.append(String.format(Locale.ROOT, "%6s %-11s %7s | %9s %6s %6s | %9s %6s %6s | %s%n", "", "", "",
        "ops/s", "p50", "p99", "ops/s", "p50", "p99", "ratio"));
    for (int i = 0; i < cells.size(); i += 2) {
      Cell reference = cells.get(i);
      Cell catalog = cells.get(i + 1);
      text.append(String.format(Locale.ROOT, "%6d %-11s %7d | %9.1f %6.1f %6.1f | %9.1f %6.1f %6.1f | %.2fx%s%n",
          catalog.tables(), catalog.operation(), catalog.clients(), reference.opsPerSecond(), reference.p50Ms(), reference.p99Ms(),
          catalog.opsPerSecond(), catalog.p50Ms(), catalog.p99Ms(), ratio(catalog, reference),
          reference.errors() + catalog.errors() > 0 ? "  (errors: " + reference.errors() + " / " + catalog.errors() + ")" : ""));
    }
    text.append("latencies in ms; ratio = catalog-service ops/s / iceberg-reference ops/s; loadTable: random tables of the\n"
        + "working set under background commits; commit: random tables of the set; commit-1tbl: all clients on one table\n"
        + "(errors = 409 CommitFailed after the server's retries)");
    return text.toString();
  }

  private static double ratio(Cell catalog, Cell reference) {
    return reference.opsPerSecond() == 0 ? 0 : catalog.opsPerSecond() / reference.opsPerSecond();
  }

  record Goal(String name, double measured, String unit, double target, boolean atLeast) {
    boolean met() {
      return atLeast ? measured >= target : measured <= target;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "goal %-52s %8.2f%s (%s %.2f%s): %s", name, measured, unit, atLeast ? ">=" : "<=",
          target, unit, met() ? "met" : "MISSED");
    }
  }

  /**
   * Issue 20's goals, judged at the working set closest to 1,000 tables and the largest client count: throughput
   * ratios against the reference at the same pool size, and the service's loadTable p99.
   */
  private List<Goal> goals(List<Cell> cells) {
    int tables = Arrays.stream(tableCounts).boxed().min(java.util.Comparator.comparingInt(n -> Math.abs(n - 1000))).orElseThrow();
    int clients = Arrays.stream(clientCounts).max().orElseThrow();
    List<Goal> goals = new ArrayList<>();
    for (int i = 0; i < cells.size(); i += 2) {
      Cell reference = cells.get(i);
      Cell catalog = cells.get(i + 1);
      if (catalog.tables() != tables || catalog.clients() != clients || catalog.operation().equals(COMMIT_SAME_TABLE)) {
        continue;
      }
      String where = " (" + tables + " tables, " + clients + " clients)";
      goals.add(new Goal(catalog.operation() + " throughput vs reference" + where, ratio(catalog, reference), "x", 2.0, true));
      if (catalog.operation().equals(LOAD_TABLE)) {
        goals.add(new Goal("loadTable p99" + where, catalog.p99Ms(), " ms", 10.0, false));
      }
    }
    return goals;
  }

  private void write(Path out, List<Cell> cells, List<Goal> goals, String loadBefore, String loadAfter) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("benchmark", "catalog loadTable/commit, raw Iceberg REST requests, working sets of tables");
    root.put("finishedAt", Instant.now().toString());
    root.put("secondsPerCell", seconds);
    root.put("warmupSecondsPerCell", warmupSeconds);
    root.put("cores", Runtime.getRuntime().availableProcessors());
    root.put("icebergJdbcPoolSize", poolSize);
    root.put("backgroundCommitsPerSecond", backgroundCommitsPerSecond);
    root.put("issuer", issuer);
    root.put("issuerDescription", issuerDescription());
    root.put("loadAverageBefore", loadBefore);
    root.put("loadAverageAfter", loadAfter);
    root.put("jvmFlags", String.join(" ", JVM_FLAGS));
    ArrayNode results = root.putArray("results");
    for (Cell cell : cells) {
      ObjectNode row = results.addObject();
      row.put("target", cell.target());
      row.put("operation", cell.operation());
      row.put("tables", cell.tables());
      row.put("clients", cell.clients());
      row.put("operations", cell.operations());
      row.put("opsPerSecond", round(cell.opsPerSecond()));
      row.put("p50Ms", round(cell.p50Ms()));
      row.put("p99Ms", round(cell.p99Ms()));
      row.put("errors", cell.errors());
      row.put("backgroundCommits", cell.backgroundCommits());
      if (cell.firstError() != null) {
        row.put("firstError", cell.firstError());
      }
    }
    ArrayNode goalNodes = root.putArray("goals");
    for (Goal goal : goals) {
      goalNodes.addObject().put("goal", goal.name()).put("measured", round(goal.measured())).put("unit", goal.unit().strip())
          .put("target", goal.target()).put("atLeast", goal.atLeast()).put("met", goal.met());
    }
    Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  // ---- processes

  private static Process start(List<String> command, Map<String, String> environment, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  private void await(Process process, String url, String token, Path log) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Server exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Server not ready after 180 s; see " + log);
  }

  private String issuerDescription() {
    return issuer.equals("oidc") ? "external OIDC issuer (loopback stand-in, RS256, JWKS), group -> publisher-na via idpGroups"
        : "mesh issuer, publisher-na";
  }

  /**
   * Writes a copy of the policy in which {@code principal} also lists {@code group} in {@code idpGroups}: the
   * only way a group of an external provider becomes a principal (the shipped policy maps only eu-analyst, to a
   * read-only analyst; the bench needs a publisher that creates and commits tables).
   */
  static Path policyMappingGroup(Path policy, String principal, String group, Path copy) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(policy));
    int at = lines.indexOf("  - name: " + principal);
    if (at < 0 || at + 1 >= lines.size() || !lines.get(at + 1).startsWith("    roles:")) {
      throw new IllegalStateException(policy + " has no principal '" + principal + "' followed by its roles");
    }
    for (int i = at + 1; i < lines.size() && lines.get(i).startsWith("    "); i++) {
      if (lines.get(i).startsWith("    idpGroups:")) {
        throw new IllegalStateException(policy + ": principal '" + principal + "' already has idpGroups");
      }
    }
    lines.add(at + 2, "    idpGroups: [" + group + "]");
    Files.createDirectories(copy.getParent());
    Files.write(copy, lines);
    return copy;
  }

  /** A token signed with the bench installation's key, as {@code ./mesh token} does (no HTTP token endpoint). */
  private static String signedToken(java.nio.file.Path privateKey, String principal) throws Exception {
    return io.smallrye.jwt.build.Jwt.issuer("dnsmesh").subject(principal).upn(principal).expiresIn(3600)
        .sign(io.smallrye.jwt.util.KeyUtils.decodePrivateKey(Files.readString(privateKey)));
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void progress(String line) {
    System.out.println(line);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--help")) {
        System.out.println("""
            CatalogBench [--seconds 10] [--warmup 3] [--clients 1,8,32] [--tables 1000] [--pool 8] [--background-commits 20]
                         [--issuer mesh|oidc]
                         [--jar catalog-service/target/quarkus-app/quarkus-run.jar]
                         [--policy governance/policies/mesh-policy.yaml] [--out catalog-service/target/bench/catalog-bench.json]
            Starts the built catalog service and Iceberg's reference RESTCatalogServer (both JDBC catalogs in the local
            PostgreSQL, databases dnsmesh_test_bench_*, both with --pool Iceberg JDBC connections), measures loadTable
            (random tables of a working set of --tables tables, under --background-commits commits/s) and commit at each
            client count on both, prints a table and the goals (met / MISSED), writes JSON; exits 1 when a goal is missed.
            --tables 100,1000,10000 draws the scale curve (loadTable p99 should stay flat).
            --issuer mesh (default): the service verifies tokens of the mesh's own issuer (publisher-na). --issuer oidc:
            the service trusts an external OpenID Connect issuer (mesh.auth.oidc.issuer) and gets its RS256 tokens, whose
            group a copy of the policy maps to publisher-na through idpGroups; the issuer is a loopback stand-in for the
            identity provider (discovery document + JWKS with its own RSA key). The reference server has no auth.
            Run from the repository root.""");
        System.exit(0);
      }
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("Unknown argument '" + args[i] + "' (see --help)");
      }
      options.put(args[i], args[++i]);
    }
    return options;
  }
}

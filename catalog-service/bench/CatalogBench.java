import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark of a running Iceberg REST catalog over raw HTTP (no client-side work): loadTable and
 * commit (set-properties guarded by the table UUID) throughput and p50/p99 latency at 1, 8 and 32
 * concurrent clients. Single-file program, run with plain java:
 *
 * <pre>java catalog-service/bench/CatalogBench.java http://127.0.0.1:8181/iceberg na "$TOKEN" [seconds] [out.json]</pre>
 *
 * The same program measures Iceberg's reference RESTCatalogServer when pointed at it (prefix-less servers:
 * pass "-" as the prefix).
 */
public class CatalogBench {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public static void main(String[] args) throws Exception {
    String base = args[0].replaceAll("/$", "");
    String prefix = args[1].equals("-") ? "" : "/" + args[1];
    String token = args[2];
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    Path out = Path.of(args.length > 4 ? args[4] : "bench-results.json");
    String root = base + "/v1" + prefix;
    String namespace = "bench_" + System.currentTimeMillis();
    send("POST", root + "/namespaces", token, "{\"namespace\":[\"" + namespace + "\"],\"properties\":{}}");
    String created = send("POST", root + "/namespaces/" + namespace + "/tables", token,
        "{\"name\":\"t\",\"schema\":{\"type\":\"struct\",\"schema-id\":0,\"fields\":[{\"id\":1,\"name\":\"q\","
            + "\"required\":true,\"type\":\"string\"}]}}");
    Matcher uuid = Pattern.compile("\"table-uuid\"\\s*:\\s*\"([^\"]+)\"").matcher(created);
    if (!uuid.find()) {
      throw new IllegalStateException("No table-uuid in create response: " + created);
    }
    String table = root + "/namespaces/" + namespace + "/tables/t";
    List<String> rows = new ArrayList<>();
    System.out.printf("%-10s %8s %12s %10s %10s%n", "operation", "clients", "ops/s", "p50 ms", "p99 ms");
    for (String operation : List.of("loadTable", "commit")) {
      for (int clients : new int[] {1, 8, 32}) {
        Result result = run(clients, seconds, () -> {
          if (operation.equals("loadTable")) {
            send("GET", table, token, null);
          } else {
            send("POST", table, token, "{\"requirements\":[{\"type\":\"assert-table-uuid\",\"uuid\":\"" + uuid.group(1)
                + "\"}],\"updates\":[{\"action\":\"set-properties\",\"updates\":{\"k\":\"" + System.nanoTime() + "\"}}]}");
          }
        });
        System.out.printf(Locale.ROOT, "%-10s %8d %12.1f %10.2f %10.2f%n", operation, clients, result.throughput(),
            result.p50(), result.p99());
        rows.add(String.format(Locale.ROOT,
            "{\"operation\":\"%s\",\"clients\":%d,\"opsPerSecond\":%.1f,\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"errors\":%d}",
            operation, clients, result.throughput(), result.p50(), result.p99(), result.errors()));
      }
    }
    Files.writeString(out, "{\"target\":\"" + base + "\",\"seconds\":" + seconds + ",\"results\":[" + String.join(",", rows) + "]}\n");
    System.out.println("wrote " + out.toAbsolutePath());
  }

  interface Call {
    void run() throws Exception;
  }

  record Result(double throughput, double p50, double p99, long errors) {}

  private static Result run(int clients, int seconds, Call call) throws Exception {
    for (int i = 0; i < 20; i++) {
      call.run(); // warm-up
    }
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    List<Future<long[]>> futures = new ArrayList<>();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    for (int c = 0; c < clients; c++) {
      futures.add(pool.submit(() -> {
        long errors = 0;
        while (System.nanoTime() < end) {
          long start = System.nanoTime();
          try {
            call.run();
            latencies.add(System.nanoTime() - start);
          } catch (Exception e) {
            errors++;
          }
        }
        return new long[] {errors};
      }));
    }
    long errors = 0;
    for (Future<long[]> future : futures) {
      errors += future.get()[0];
    }
    pool.shutdown();
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    double p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1e6;
    double p99 = sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1e6;
    return new Result(sorted.size() / (double) seconds, p50, p99, errors);
  }

  private static String send(String method, String url, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + url + " -> " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}

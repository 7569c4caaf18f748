package org.dnsmesh.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 6: at least 10,000 malformed requests per run, generated from a fixed seed across every
 * endpoint of the catalog REST API and the Iceberg REST API (a seeded generator of hostile names and values; the
 * bodies are valid request templates with one to three mutations: a field retyped, removed or added,
 * control characters, huge numbers, deep nesting, paths out of the warehouse, or a body replaced by
 * garbage). Every answer must be below 500, and every 4xx must carry an error body with a message (the
 * OAuth token endpoint answers in OAuth's own {@code error} shape). Failures are listed together, each with
 * the request that caused it, so one run shows every class of bug.
 */
@QuarkusTest
@QuarkusTestResource(value = CatalogTestEnvironment.class, restrictToAnnotatedClass = false)
class MalformedRequestsTest {
  static final long SEED = 20261207L;
  static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;


  @TestHTTPResource("/")
  URL base;

  private final Map<String, java.util.concurrent.atomic.AtomicLong> timeByEndpoint = new ConcurrentHashMap<>();

  /** One request: who sends it, where, and what. */
  record Probe(String principal, String method, String path, String contentType, String body) {
    @Override
    public String toString() {
      String shown = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
      return principal + " " + method + " " + (path.length() > 200 ? path.substring(0, 200) + "..." : path) + " " + shown;
    }
  }

  @Test
  void tenThousandMalformedRequestsGetNo5xxAndAnExplainedRefusal() throws Exception {
    Map<String, String> tokens = new ConcurrentHashMap<>();
    for (String principal : List.of("admin", "publisher-na", "analyst")) {
      tokens.put(principal, DevTokens.of(principal));
    }
    Fixture fixture = Fixture.create(base, tokens.get("admin"));
    List<Probe> probes = probes(fixture, SEED, REQUESTS);

    Map<String, String> failures = new TreeMap<>();
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    long started = System.nanoTime();
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService workers = Executors.newFixedThreadPool(4)) {
      List<Future<?>> sent = new ArrayList<>();
      for (Probe probe : probes) {
        sent.add(workers.submit(() -> {
          String problem = send(client, tokens.get(probe.principal()), probe, statuses);
          if (problem != null) {
            String[] parts = problem.split("\\|\\|", 2);
            synchronized (failures) {
              failures.putIfAbsent(parts[0], probe + (parts.length > 1 ? "\n       answer: " + parts[1] : ""));
            }
          }
        }));
      }
      for (Future<?> future : sent) {
        future.get();
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf("MalformedRequestsTest: %d requests in %s, statuses %s%n", probes.size(), took, new TreeMap<>(statuses));
    assertThat(probes).hasSizeGreaterThanOrEqualTo(REQUESTS);
    timeByEndpoint.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get())).limit(6)
        .forEach(e -> System.out.printf("  %s: %d ms%n", e.getKey(), e.getValue().get() / 1_000_000));
    assertThat(failures)
        .withFailMessage(() -> failures.size() + " problems (problem <- first request showing it):\n" + failures.entrySet()
            .stream().map(e -> e.getKey() + "\n    <- " + e.getValue()).collect(java.util.stream.Collectors.joining("\n")))
        .isEmpty();
  }

  private String send(HttpClient client, String token, Probe probe, Map<Integer, AtomicInteger> statuses) {
    URI uri;
    try {
      uri = URI.create(base.toString().replaceAll("/$", "") + probe.path());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("generator made an invalid URI: " + probe.path(), e);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token);
    if (probe.contentType() != null) {
      request.header("Content-Type", probe.contentType());
    }
    HttpRequest.BodyPublisher body = probe.body() == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(probe.body(), StandardCharsets.UTF_8);
    request.method(probe.method(), body);
    HttpResponse<String> response;
    long started = System.nanoTime();
    String endpoint = endpointOf(probe);
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      return "no answer on " + endpoint + ": " + e.getClass().getSimpleName();
    }
    timeByEndpoint.computeIfAbsent(endpoint, k -> new java.util.concurrent.atomic.AtomicLong())
        .addAndGet(System.nanoTime() - started);
    int status = response.statusCode();
    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    if (status >= 500) {
      return status + " on " + endpoint + "||" + firstLine(response.body());
    }
    if (status >= 400 && !probe.method().equals("HEAD")) {
      String problem = explanationProblem(response.body(), probe.path().contains("/oauth/tokens"));
      if (problem != null) {
        return status + " without explanation on " + endpoint + "||" + problem;
      }
    }
    return null;
  }

  /** What is missing from a 4xx body; null when it explains itself. */
  static String explanationProblem(String body, boolean oauth) {
    if (body == null || body.isBlank()) {
      return "empty body";
    }
    try {
      JsonNode json = JSON.readTree(body);
      if (oauth && json.path("error").isTextual()) {
        return null;
      }
      String message = json.path("error").path("message").asText("");
      if (message.isBlank()) {
        return "no error.message in " + firstLine(body);
      }
      return null;
    } catch (Exception e) {
      return "not JSON: " + firstLine(body);
    }
  }

  private static String endpointOf(Probe probe) {
    String path = probe.path().replaceAll("\\?.*", "");
    String[] parts = path.split("/");
    StringBuilder shape = new StringBuilder(probe.method()).append(' ');
    for (int i = 1; i < parts.length && i < 9; i++) {
      String part = parts[i];
      boolean fixed = part.matches("iceberg|api|v1|namespaces|tables|views|register|register-view|metrics|rename|"
          + "transactions|commit|config|oauth|tokens|properties|domains|products|contracts|schemas|lineage|changes|"
          + "diff|approve|reject|resubmit|publish|policy|audit|verify|auth|dev-token|dev-principals");
      shape.append('/').append(fixed ? part : "{}");
    }
    return shape.toString();
  }

  private static String firstLine(String body) {
    String line = body == null ? "" : body.lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  // ---- generators

  /** The catalog objects the probes aim at: one namespace, table and view that exist. */
  record Fixture(String namespace, String table, String view, String tableLocation) {
    static Fixture create(URL base, String adminToken) throws Exception {
      String namespace = "fuzz";
      try (HttpClient client = HttpClient.newHttpClient()) {
        String root = base.toString().replaceAll("/$", "") + "/iceberg/v1/na/namespaces";
        post(client, adminToken, root, "{\"namespace\":[\"fuzz\"]}");
        HttpResponse<String> table = post(client, adminToken, root + "/fuzz/tables",
            "{\"name\":\"t\",\"schema\":" + TABLE_SCHEMA + "}");
        String location = JSON.readTree(table.body()).path("metadata").path("location").asText("file:///nowhere");
        post(client, adminToken, root + "/fuzz/views", VIEW_BODY);
        return new Fixture(namespace, "t", "v", location);
      }
    }

    private static HttpResponse<String> post(HttpClient client, String token, String uri, String body) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  static final String TABLE_SCHEMA = "{\"type\":\"struct\",\"schema-id\":0,\"fields\":["
      + "{\"id\":1,\"name\":\"query_name\",\"required\":true,\"type\":\"string\"},"
      + "{\"id\":2,\"name\":\"rcode\",\"required\":false,\"type\":\"int\"}]}";
  static final String VIEW_BODY = "{\"name\":\"v\",\"schema\":" + TABLE_SCHEMA + ",\"view-version\":{\"version-id\":1,"
      + "\"timestamp-ms\":1700000000000,\"schema-id\":0,\"summary\":{},\"default-namespace\":[\"fuzz\"],"
      + "\"representations\":[{\"type\":\"sql\",\"sql\":\"select 1\",\"dialect\":\"trino\"}]},\"properties\":{}}";

  /** An endpoint: method, path template ({P} prefix, {N} namespace, {T} table/view, {X} any id) and body templates. */
  record Endpoint(String principal, String method, String path, String contentType, List<String> bodies, String query) {}

  private static List<Endpoint> endpoints() {
    String commit = "{\"requirements\":[{\"type\":\"assert-table-uuid\",\"uuid\":\"00000000-0000-0000-0000-000000000000\"}],"
        + "\"updates\":[{\"action\":\"set-properties\",\"updates\":{\"k\":\"v\"}},"
        + "{\"action\":\"set-default-spec\",\"spec-id\":0},{\"action\":\"set-default-sort-order\",\"sort-order-id\":0},"
        + "{\"action\":\"add-schema\",\"schema\":" + TABLE_SCHEMA + "},{\"action\":\"set-current-schema\",\"schema-id\":-1},"
        + "{\"action\":\"set-location\",\"location\":\"file:///tmp/x\"},{\"action\":\"assign-uuid\",\"uuid\":\"x\"},"
        + "{\"action\":\"upgrade-format-version\",\"format-version\":3},{\"action\":\"remove-properties\",\"removals\":[\"k\"]},"
        + "{\"action\":\"set-statistics\",\"statistics\":{\"snapshot-id\":1,\"statistics-path\":\"/etc/passwd\","
        + "\"file-size-in-bytes\":1,\"file-footer-size-in-bytes\":1,\"blob-metadata\":[]}},"
        + "{\"action\":\"add-snapshot\",\"snapshot\":{\"snapshot-id\":1,\"timestamp-ms\":1,\"manifest-list\":\"/etc/passwd\","
        + "\"summary\":{\"operation\":\"append\"},\"schema-id\":0}},"
        + "{\"action\":\"set-snapshot-ref\",\"ref-name\":\"main\",\"type\":\"branch\",\"snapshot-id\":1},"
        + "{\"action\":\"add-spec\",\"spec\":{\"spec-id\":1,\"fields\":[{\"source-id\":9,\"field-id\":1000,\"name\":\"p\",\"transform\":\"identity\"}]}}]}";
    String create = "{\"name\":\"c\",\"location\":null,\"schema\":" + TABLE_SCHEMA + ",\"partition-spec\":{\"spec-id\":0,"
        + "\"fields\":[{\"source-id\":2,\"field-id\":1000,\"name\":\"r\",\"transform\":\"bucket[4]\"}]},"
        + "\"write-order\":{\"order-id\":1,\"fields\":[{\"transform\":\"identity\",\"source-id\":1,\"direction\":\"asc\","
        + "\"null-order\":\"nulls-first\"}]},\"stage-create\":false,\"properties\":{\"format-version\":\"2\"}}";
    String transaction = "{\"table-changes\":[{\"identifier\":{\"namespace\":[\"fuzz\"],\"name\":\"t\"},"
        + "\"requirements\":[],\"updates\":[{\"action\":\"set-properties\",\"updates\":{\"k\":\"v\"}}]}]}";
    String rename = "{\"source\":{\"namespace\":[\"fuzz\"],\"name\":\"nope\"},\"destination\":{\"namespace\":[\"fuzz\"],\"name\":\"d\"}}";
    String product = "{\"domain\":\"na\",\"name\":\"fuzzed\",\"description\":\"d\",\"ownerTeam\":\"na-team\","
        + "\"ownerContact\":\"a@b\",\"tags\":[\"dns\"],\"status\":\"active\",\"classification\":\"internal\","
        + "\"outputPorts\":[{\"namespace\":\"fuzz\",\"table\":\"t\"}]}";
    String lineage = "{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-01-01T00:00:00Z\",\"run\":{\"runId\":"
        + "\"01890000-0000-7000-8000-000000000000\"},\"job\":{\"namespace\":\"na\",\"name\":\"j\"},"
        + "\"inputs\":[{\"namespace\":\"na\",\"name\":\"fuzz.t\"}],\"outputs\":[{\"namespace\":\"na\",\"name\":\"fuzz.t\"}],"
        + "\"producer\":\"x\",\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\"}";
    String json = "application/json";
    List<Endpoint> all = new ArrayList<>();
    // Iceberg REST
    all.add(new Endpoint("admin", "GET", "/iceberg/v1/config", null, List.of(), "warehouse={P}"));
    all.add(new Endpoint("admin", "GET", "/iceberg/v1/{P}/namespaces", null, List.of(), "parent={N}&pageToken={X}&pageSize={X}"));
    all.add(new Endpoint("admin", "POST", "/iceberg/v1/{P}/namespaces", json,
        List.of("{\"namespace\":[\"fz\",\"b\"],\"properties\":{\"owner\":\"x\",\"location\":\"file:///tmp\"}}"), null));
    all.add(new Endpoint("admin", "GET", "/iceberg/v1/{P}/namespaces/{N}", null, List.of(), null));
    all.add(new Endpoint("admin", "HEAD", "/iceberg/v1/{P}/namespaces/{N}", null, List.of(), null));
    all.add(new Endpoint("admin", "DELETE", "/iceberg/v1/{P}/namespaces/{N}", null, List.of(), null));
    all.add(new Endpoint("admin", "POST", "/iceberg/v1/{P}/namespaces/{N}/properties", json,
        List.of("{\"removals\":[\"a\"],\"updates\":{\"owner\":\"y\"}}"), null));
    all.add(new Endpoint("admin", "GET", "/iceberg/v1/{P}/namespaces/{N}/tables", null, List.of(), "pageToken={X}&pageSize={X}"));
    all.add(new Endpoint("admin", "POST", "/iceberg/v1/{P}/namespaces/{N}/tables", json, List.of(create), null));
    all.add(new Endpoint("admin", "POST", "/iceberg/v1/{P}/namespaces/{N}/register", json,
        List.of("{\"name\":\"r\",\"metadata-location\":\"{L}/metadata/v1.metadata.json\",\"overwrite\":false}"), null));
    all.add(new Endpoint("admin", "GET", "/iceberg/v1/{P}/namespaces/{N}/tables/{T}", null, List.of(), "snapshots={X}"));
    all.add(new Endpoint("admin", "HEAD", "/iceberg/v1/{P}/namespaces/{N}/tables/{T}", null, List.of(), null));
    all.add(new Endpoint("publisher-na", "POST", "/iceberg/v1/{P}/namespaces/{N}/tables/{T}", json, List.of(commit), null));
    all.add(new Endpoint("admin", "POST", "/iceberg/v1/{P}/namespaces/{N}/tables/{T}", json, List.of(commit), null));
    all.add(new Endpoint("admin", "DELETE", "/iceberg/v1/{P}/namespaces/{N}/tables/{X}", null, List.of(), "purgeRequested={X}"));
    all.add(new Endpoint("admin", "POST", "/iceberg/v1/{P}/namespaces/{N}/tables/{T}/metrics", json,
        List.of("{\"report-type\":\"scan-report\",\"table-name\":\"t\",\"snapshot-id\":1,\"filter\":true,"
            + "\"schema-id\":0,\"projected-field-ids\":[1],\"projected-field-names\":[\"query_name\"],\"metrics\":{}}"), null));
    all.add(new Endpoint("admin", "POST", "/iceberg/v1/{P}/tables/rename", json, List.of(rename), null));
    all.add(new Endpoint("admin", "POST", "/iceberg/v1/{P}/transactions/commit", json, List.of(transaction), null));
    all.add(new Endpoint("admin", "GET", "/iceberg/v1/{P}/namespaces/{N}/views", null, List.of(), "pageToken={X}&pageSize={X}"));
    all.add(new Endpoint("admin", "POST", "/iceberg/v1/{P}/namespaces/{N}/views", json, List.of(VIEW_BODY.replace("\"v\"", "\"w\"")), null));
    all.add(new Endpoint("admin", "POST", "/iceberg/v1/{P}/namespaces/{N}/register-view", json,
        List.of("{\"name\":\"rv\",\"metadata-location\":\"{L}/metadata/v1.metadata.json\"}"), null));
    all.add(new Endpoint("admin", "GET", "/iceberg/v1/{P}/namespaces/{N}/views/{T}", null, List.of(), null));
    all.add(new Endpoint("admin", "HEAD", "/iceberg/v1/{P}/namespaces/{N}/views/{T}", null, List.of(), null));
    all.add(new Endpoint("admin", "POST", "/iceberg/v1/{P}/namespaces/{N}/views/{T}", json,
        List.of("{\"requirements\":[],\"updates\":[{\"action\":\"set-properties\",\"updates\":{\"k\":\"v\"}},"
            + "{\"action\":\"set-location\",\"location\":\"file:///tmp\"}]}"), null));
    all.add(new Endpoint("admin", "DELETE", "/iceberg/v1/{P}/namespaces/{N}/views/{X}", null, List.of(), null));
    all.add(new Endpoint("admin", "POST", "/iceberg/v1/{P}/views/rename", json, List.of(rename), null));
    all.add(new Endpoint("analyst", "POST", "/iceberg/v1/oauth/tokens", "application/x-www-form-urlencoded",
        List.of("grant_type=client_credentials&client_id=analyst&client_secret=x&scope=catalog"), null));
    // catalog REST API (mutations as principals the policy refuses or confines, so the run creates little)
    all.add(new Endpoint("analyst", "GET", "/api/v1/domains", null, List.of(), null));
    all.add(new Endpoint("analyst", "GET", "/api/v1/domains/{X}", null, List.of(), null));
    all.add(new Endpoint("publisher-na", "POST", "/api/v1/domains", json,
        List.of("{\"name\":\"zz\",\"ownerTeam\":\"t\",\"description\":\"d\"}"), null));
    all.add(new Endpoint("analyst", "GET", "/api/v1/products", null, List.of(), "q={X}&domain={X}&classification={X}"));
    all.add(new Endpoint("publisher-na", "POST", "/api/v1/products", json, List.of(product), null));
    all.add(new Endpoint("analyst", "GET", "/api/v1/products/{X}/{X}", null, List.of(), null));
    all.add(new Endpoint("publisher-na", "POST", "/api/v1/products/na/{X}/contracts", json,
        List.of("{\"version\":\"1.0.0\",\"document\":\"apiVersion: v3.0.0\",\"avroSchema\":\"{}\"}"), null));
    all.add(new Endpoint("analyst", "GET", "/api/v1/products/{X}/{X}/contracts/{X}", null, List.of(), null));
    all.add(new Endpoint("analyst", "GET", "/api/v1/schemas/{X}", null, List.of(), null));
    all.add(new Endpoint("publisher-na", "POST", "/api/v1/lineage", json, List.of(lineage), null));
    all.add(new Endpoint("analyst", "GET", "/api/v1/lineage", null, List.of(), "namespace={X}&name={X}&depth={X}&direction={X}"));
    all.add(new Endpoint("publisher-na", "POST", "/api/v1/products/na/{X}/changes", "application/yaml",
        List.of("apiVersion: v3.0.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: active\n"), null));
    all.add(new Endpoint("analyst", "GET", "/api/v1/changes", null, List.of(), "domain={X}&product={X}&state={X}"));
    all.add(new Endpoint("analyst", "GET", "/api/v1/changes/{X}", null, List.of(), null));
    all.add(new Endpoint("analyst", "GET", "/api/v1/changes/{X}/diff", null, List.of(), null));
    for (String action : List.of("approve", "reject")) {
      all.add(new Endpoint("analyst", "POST", "/api/v1/changes/{X}/" + action, json, List.of("{\"comment\":\"c\"}"), null));
      all.add(new Endpoint("analyst", "POST", "/api/v1/policy/changes/{X}/" + action, json, List.of("{\"comment\":\"c\"}"), null));
    }
    all.add(new Endpoint("publisher-na", "POST", "/api/v1/changes/{X}/resubmit", "application/yaml", List.of("a: b"), null));
    all.add(new Endpoint("analyst", "POST", "/api/v1/changes/{X}/publish", null, List.of(), null));
    all.add(new Endpoint("analyst", "GET", "/api/v1/policy/changes", null, List.of(), null));
    all.add(new Endpoint("analyst", "POST", "/api/v1/policy/changes", json, List.of("{\"policy\":\"x\"}"), null));
    all.add(new Endpoint("analyst", "GET", "/api/v1/policy/changes/{X}", null, List.of(), null));
    all.add(new Endpoint("analyst", "POST", "/api/v1/policy/changes/{X}/publish", null, List.of(), null));
    all.add(new Endpoint("analyst", "GET", "/api/v1/audit", null, List.of(), "type={X}&from={X}&limit={X}"));
    all.add(new Endpoint("analyst", "GET", "/api/v1/audit/verify", null, List.of(), null));
    all.add(new Endpoint("analyst", "POST", "/api/v1/auth/dev-token", json, List.of("{\"principal\":\"analyst\"}"), null));
    return all;
  }

  /**
   * The probes of one run: a pool of hostile names drawn from the seed (fixed cases, random Unicode strings,
   * random identifiers), so that every run sends the same requests; a Random of the same seed picks endpoints,
   * names and mutations.
   */
  static List<Probe> probes(Fixture fixture, long seed, int count) {
    Random names = new Random(seed - 1);
    List<String> pool = java.util.stream.Stream.generate(() -> name(names)).limit(5_000).toList();
    Supplier<String> draw = new Supplier<>() {
      private final Random random = new Random(seed + 1);

      @Override
      public String get() {
        return pool.get(random.nextInt(pool.size()));
      }
    };
    List<Endpoint> endpoints = endpoints();
    Random random = new Random(seed);
    List<Probe> probes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      probes.add(fill(endpoints.get(random.nextInt(endpoints.size())), fixture, draw, random));
    }
    return probes;
  }

  private static Probe fill(Endpoint endpoint, Fixture fixture, Supplier<String> names, Random random) {
    NameSource name = () -> names.get();
    String path = endpoint.path()
        .replace("{P}", random.nextInt(4) == 0 ? encode(name.next()) : random.nextBoolean() ? "na" : "eu");
    path = replaceEach(path, "{N}", () -> random.nextInt(3) == 0 ? fixture.namespace() : encode(name.next()));
    path = replaceEach(path, "{T}", () -> random.nextInt(3) == 0 ? (path(endpoint).contains("views") ? fixture.view() : fixture.table())
        : encode(name.next()));
    path = replaceEach(path, "{X}", () -> encode(name.next()));
    if (endpoint.query() != null && random.nextInt(4) != 0) {
      String query = replaceEach(endpoint.query(), "{P}", () -> encode(name.next()));
      query = replaceEach(query, "{N}", () -> encode(name.next()));
      query = replaceEach(query, "{X}", () -> encode(name.next()));
      path = path + "?" + query;
    }
    String body = null;
    String contentType = endpoint.contentType();
    if (!endpoint.bodies().isEmpty()) {
      String template = endpoint.bodies().get(random.nextInt(endpoint.bodies().size())).replace("{L}", fixture.tableLocation());
      body = BodyMutations.mutate(template, random, name);
      if (random.nextInt(20) == 0) {
        contentType = List.of("text/plain", "application/xml", "application/json; charset=latin1", "*/*", "")
            .get(random.nextInt(5));
      }
    } else if (random.nextInt(10) == 0 && !endpoint.method().equals("GET") && !endpoint.method().equals("HEAD")) {
      body = "{\"unexpected\":true}";
      contentType = "application/json";
    }
    if (contentType != null && contentType.isEmpty()) {
      contentType = null;
    }
    return new Probe(endpoint.principal(), endpoint.method(), path, contentType, body);
  }

  private static String path(Endpoint endpoint) {
    return endpoint.path();
  }

  private static String replaceEach(String text, String placeholder, java.util.function.Supplier<String> value) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    int at;
    while ((at = text.indexOf(placeholder, from)) >= 0) {
      out.append(text, from, at).append(value.get());
      from = at + placeholder.length();
    }
    return out.append(text.substring(from)).toString();
  }

  /** Names an attacker would try: control characters, dots, separators, encodings, lengths, any Unicode. */
  static String name(Random random) {
    int pick = random.nextInt(10);
    if (pick < 4) {
      return HOSTILE_NAMES.get(random.nextInt(HOSTILE_NAMES.size()));
    }
    if (pick < 7) { // any code points, lone surrogates and controls included, up to 300 chars
      int length = random.nextInt(301);
      StringBuilder text = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        text.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x20) : (char) random.nextInt(Character.MAX_VALUE + 1));
      }
      return text.toString();
    }
    String alphabet = "abcdefghijklmnopqrstuvwxyz._-\u001f\u0000";
    int length = 1 + random.nextInt(400);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  private static final List<String> HOSTILE_NAMES = List.of(
      "", ".", "..", "...", "a.b", "a\u001fb", "a\u0000b", "a/b", "a\\b", "%", "%2e%2e", "..%2f..", "%00",
      "%1F", "\u001f", "null", "NaN", "-1", "0", "99999999999999999999", "1e309", "true", "'; DROP TABLE x; --",
      "${jndi:ldap://x}", "../../etc/passwd", "file:///etc/passwd", "fuzz\u001fchild", "\uD800", "\uFEFF", " ",
      "a".repeat(256), "b".repeat(1000), "c".repeat(5000), "\u00e9".repeat(200), "\uD83D\uDE00".repeat(100),
      "all", "refs", "ALL", "na", "eu", "fuzz", "t", "v");

  /** Percent-encodes everything but unreserved characters (UTF-8; lone surrogates become '?'). */
  static String encode(String value) {
    if (alreadyEncoded(value)) {
      return value; // already a valid encoding ("%2e%2e", "%00", "%1F"): sent as the attacker wrote it
    }
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    String encoded = out.toString();
    try {
      URI.create("http://x/" + encoded);
      return encoded;
    } catch (IllegalArgumentException e) {
      return encoded.replace("%", "%25");
    }
  }

  private static boolean alreadyEncoded(String value) {
    if (value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        if (i + 2 >= value.length() || Character.digit(value.charAt(i + 1), 16) < 0
            || Character.digit(value.charAt(i + 2), 16) < 0) {
          return false;
        }
        i += 2;
      } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  /** The next hostile name. */
  interface NameSource {
    String next();
  }

  /** One to three mutations of a JSON (or text) body. */
  static final class BodyMutations {
    private BodyMutations() {}

    static String mutate(String template, Random random, NameSource names) {
      if (random.nextInt(12) == 0) {
        return garbage(random, names);
      }
      JsonNode tree;
      try {
        tree = JSON.readTree(template);
      } catch (Exception e) {
        return template + names.next(); // a form or YAML body: append hostile text
      }
      if (tree == null || !tree.isContainerNode()) {
        return garbage(random, names);
      }
      int mutations = 1 + random.nextInt(3);
      for (int i = 0; i < mutations; i++) {
        tree = mutateOnce(tree, random, names);
      }
      String body = tree.toString();
      if (random.nextInt(15) == 0) {
        body = body.substring(0, random.nextInt(Math.max(1, body.length()))); // truncated
      }
      return body;
    }

    private static JsonNode mutateOnce(JsonNode root, Random random, NameSource names) {
      List<JsonNode> containers = new ArrayList<>();
      collect(root, containers);
      JsonNode target = containers.get(random.nextInt(containers.size()));
      if (target instanceof ObjectNode object) {
        List<String> fields = new ArrayList<>();
        object.fieldNames().forEachRemaining(fields::add);
        int choice = random.nextInt(3);
        if (!fields.isEmpty() && choice == 0) {
          object.remove(fields.get(random.nextInt(fields.size())));
        } else if (!fields.isEmpty() && choice == 1) {
          object.set(fields.get(random.nextInt(fields.size())), value(random, names));
        } else {
          object.set(random.nextBoolean() ? names.next() : "name", value(random, names));
        }
      } else if (target instanceof ArrayNode array) {
        if (!array.isEmpty() && random.nextBoolean()) {
          array.set(random.nextInt(array.size()), value(random, names));
        } else if (random.nextInt(8) == 0) {
          for (int i = 0; i < 200 + random.nextInt(1800); i++) {
            array.add(array.isEmpty() ? value(random, names) : array.get(0).deepCopy());
          }
        } else {
          array.add(value(random, names));
        }
      }
      return root;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
      if (node.isContainerNode()) {
        containers.add(node);
        Iterator<JsonNode> children = node.elements();
        children.forEachRemaining(child -> collect(child, containers));
      }
    }

    private static JsonNode value(Random random, NameSource names) {
      return switch (random.nextInt(12)) {
        case 0 -> NODES.nullNode();
        case 1 -> NODES.booleanNode(random.nextBoolean());
        case 2 -> NODES.numberNode(random.nextLong());
        case 3 -> NODES.numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(60))));
        case 4 -> NODES.numberNode(random.nextDouble() * 1e300);
        case 5 -> NODES.arrayNode().add(names.next());
        case 6 -> NODES.objectNode().put(names.next(), names.next());
        case 7 -> NODES.textNode(List.of("/etc/passwd", "file:///etc/passwd", "file://host/x", "s3://b/x",
            "file:///tmp/../etc", "%2e%2e/%2e%2e", "-1", "v3", "variant", "timestamp_ns", "unknown", "geometry")
            .get(random.nextInt(12)));
        case 8 -> {
          ArrayNode deep = NODES.arrayNode();
          ArrayNode current = deep;
          for (int i = 0; i < 50 + random.nextInt(2000); i++) {
            ArrayNode next = NODES.arrayNode();
            current.add(next);
            current = next;
          }
          yield deep;
        }
        default -> NODES.textNode(names.next());
      };
    }

    private static String garbage(Random random, NameSource names) {
      return switch (random.nextInt(7)) {
        case 0 -> "";
        case 1 -> "null";
        case 2 -> "[]";
        case 3 -> "[".repeat(1 + random.nextInt(5000));
        case 4 -> "{\"a\":" + "\"" + "x".repeat(random.nextInt(100_000)) + "\"}";
        case 5 -> "\"" + names.next() + "\"";
        default -> names.next();
      };
    }
  }
}

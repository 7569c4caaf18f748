package org.dnsmesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.dnsmesh.infra.iceberg.IcebergAppender;
import org.dnsmesh.infra.iceberg.LocalFileIO;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.PostgresDatabase;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.infra.stack.TrinoSql;
import org.dnsmesh.infra.stack.StackLayout;
import org.dnsmesh.infra.stack.TrinoSecurity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 3 on the real stack, as a local user or a masked analyst would attack it: secrets readable in
 * files, the old default client secret, long-lived service tokens, and the masking key in SQL a user can see.
 * Each test tries the attack and asserts refusal (or absence of the secret).
 */
@Tag("e2e")
class SecretsAtRestIT {
  /** Short enough that the test outlives Trino's first catalog token, so Trino must refresh it itself. */
  private static final Duration CLIENT_TOKEN_LIFETIME = Duration.ofSeconds(20);
  private static final String OLD_DEFAULT_SECRET = "dnsmesh-dev-secret";
  private static final TableIdentifier EVENTS = TableIdentifier.of("registrar", "events");
  private static final List<String> EMAILS = List.of("alice@example.com", "bob@example.net", "carol@example.org");

  private static StackConfig config;
  private static MeshStack stack;
  private static String maskingKey;
  private static long firstCatalogUseNanos;

  @BeforeAll
  static void up() throws Exception {
    config = E2eStacks.config("dnsmesh_test_e2e_secrets", "dnsmesh-secrets-e2e-");
    System.setProperty("mesh.auth.client-token-lifetime", CLIENT_TOKEN_LIFETIME.toString());
    try {
      stack = E2eStacks.up(config);
    } finally {
      System.clearProperty("mesh.auth.client-token-lifetime");
    }
    maskingKey = new TrinoSecurity(config).ensureSecrets().getProperty("masking-key");
    seedRegistrarEvents();
    firstCatalogUseNanos = System.nanoTime();
    assertThat(query(token("root", "admin"), "SELECT count(*) FROM security.registrar.events"))
        .containsExactly(List.of((long) EMAILS.size()));
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      stack.down();
    }
  }

  // ---- files at rest

  @Test
  void everyFileHoldingASecretIsOwnerOnlyUnderOwnerOnlyFolders() throws Exception {
    StackLayout layout = config.layout();
    Path etc = layout.trino().resolve("etc");
    List<Path> secretFiles = new ArrayList<>();
    try (Stream<Path> files = Files.walk(layout.secrets())) {
      files.filter(Files::isRegularFile).forEach(secretFiles::add);
    }
    try (Stream<Path> files = Files.walk(etc)) {
      files.filter(Files::isRegularFile).forEach(secretFiles::add);
    }
    secretFiles.add(layout.catalogServiceConfig());
    assertThat(secretFiles).contains(layout.oauthClients(), layout.trinoSecrets(), layout.jwtPrivateKey(),
        etc.resolve("config.properties"), etc.resolve("catalog/security.properties"), layout.trinoKeyStore());
    assertThat(Files.readString(etc.resolve("config.properties"))).as("the file that holds Trino's internal secret")
        .contains("internal-communication.shared-secret=");
    for (Path file : secretFiles) {
      assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
      for (Path folder = file.getParent(); folder.startsWith(layout.root()); folder = folder.getParent()) {
        assertThat(mode(folder)).as(folder.toString()).isEqualTo("rwx------");
      }
    }
  }

  @Test
  void theWarehouseIsReadableByTheServicesUserOnly() throws Exception {
    Set<PosixFilePermission> open = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.OTHERS_WRITE);
    List<Path> written = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(config.layout().warehouse())) {
      paths.forEach(written::add);
    }
    assertThat(written).as("data and metadata files of the seeded table")
        .anyMatch(p -> p.toString().endsWith(".parquet") || p.toString().endsWith(".avro"))
        .anyMatch(p -> p.toString().endsWith(".metadata.json"));
    for (Path path : written) {
      assertThat(Files.getPosixFilePermissions(path)).as(path.toString()).doesNotContainAnyElementsOf(open);
    }
  }

  @Test
  void noSecretOnAnyServiceCommandLine() throws Exception {
    // every local user can read a process's command line (ps); secrets go in 0600 files and the environment
    List<String> secrets = new ArrayList<>();
    for (Path file : List.of(config.layout().oauthClients(), config.layout().trinoSecrets())) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      }
      properties.stringPropertyNames().forEach(name -> secrets.add(properties.getProperty(name)));
    }
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(5);
    List<MeshStack.ComponentStatus> running = stack.status();
    assertThat(running).allSatisfy(component -> assertThat(component.pid()).as(component.name()).isNotNull());
    for (MeshStack.ComponentStatus component : running) {
      String commandLine = Files.readString(Path.of("/proc/" + component.pid() + "/cmdline")).replace('\0', ' ');
      for (String secret : secrets) {
        assertThat(commandLine).as(component.name()).doesNotContain(secret);
      }
      assertThat(mode(Path.of("/proc/" + component.pid() + "/environ"))).as("environment readable by its owner only")
          .isEqualTo("r--------");
    }
  }

  // ---- service credentials

  @Test
  void trinoCatalogsHoldAClientSecretNotAToken() throws Exception {
    String catalog = Files.readString(config.layout().trino().resolve("etc/catalog/na.properties"));
    assertThat(catalog).doesNotContain("oauth2.token=").contains("iceberg.rest-catalog.oauth2.credential=trino:")
        .doesNotContain(OLD_DEFAULT_SECRET);
  }

  @Test
  void theOldDefaultClientSecretIsRefused() throws Exception {
    for (String client : List.of("trino", "quality-monitor", "root", "publisher-na")) {
      HttpResponse<String> response = clientCredentials(client, OLD_DEFAULT_SECRET);
      assertThat(response.statusCode()).as(client + ": " + response.body()).isEqualTo(401);
      assertThat(response.body()).contains("invalid_client").doesNotContain("access_token");
    }
  }

  @Test
  void aClientCredentialsTokenExpiresQuickly() throws Exception {
    Properties secrets = new Properties();
    try (Reader reader = Files.newBufferedReader(config.layout().oauthClients())) {
      secrets.load(reader);
    }
    HttpResponse<String> response = clientCredentials("trino", secrets.getProperty("trino"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = new ObjectMapper().readTree(response.body());
    JsonNode claims = new ObjectMapper().readTree(
        Base64.getUrlDecoder().decode(body.get("access_token").asText().split("\\.")[1]));
    assertThat(claims.get("exp").asLong() - claims.get("iat").asLong())
        .isEqualTo(body.get("expires_in").asLong()).isEqualTo(CLIENT_TOKEN_LIFETIME.toSeconds());
  }

  @Test
  void trinoRefreshesItsShortLivedCatalogTokenByItself() throws Exception {
    // waiting is the point here: Trino's first catalog token must have expired (no condition to poll for)
    long waitMillis = CLIENT_TOKEN_LIFETIME.plusSeconds(5).toMillis()
        - Duration.ofNanos(System.nanoTime() - firstCatalogUseNanos).toMillis();
    if (waitMillis > 0) {
      Thread.sleep(waitMillis);
    }
    assertThat(query(token("root", "admin"), "SELECT count(*) FROM security.registrar.events"))
        .containsExactly(List.of((long) EMAILS.size()));
  }

  // ---- no key material in SQL a user can see

  @Test
  void explainAsAMaskedAnalystShowsTheFunctionNotTheKey() throws Exception {
    String ana = token("ana", "analyst");
    for (String explain : List.of("EXPLAIN SELECT registrant_email FROM security.registrar.events",
        "EXPLAIN (TYPE LOGICAL) SELECT registrant_email, actor_ip FROM security.registrar.events",
        "EXPLAIN (TYPE DISTRIBUTED) SELECT * FROM security.registrar.events",
        "EXPLAIN ANALYZE SELECT registrant_email FROM security.registrar.events",
        "EXPLAIN (TYPE IO, FORMAT JSON) SELECT registrant_email FROM security.registrar.events")) {
      String plan = text(query(ana, explain));
      assertThat(plan).as(explain).doesNotContain(maskingKey).doesNotContainIgnoringCase(maskingKey);
      if (!explain.contains("TYPE IO")) {
        assertThat(plan).as(explain).containsIgnoringCase("pseudonym");
      }
    }
    String rules = Files.readString(config.layout().trinoRules());
    assertThat(rules).contains("mesh.masking.pseudonym(registrant_email)").doesNotContain(maskingKey);
  }

  @Test
  void errorsAndShowCreateAsAMaskedAnalystShowNoKey() {
    String ana = token("ana", "analyst");
    for (String sql : List.of("SELECT CAST(registrant_email AS integer) FROM security.registrar.events",
        "SELECT registrant_email + 1 FROM security.registrar.events",
        "SHOW CREATE TABLE security.registrar.events")) {
      try {
        assertThat(text(query(ana, sql))).as(sql).doesNotContain(maskingKey);
      } catch (SQLException e) {
        assertThat(e.getMessage()).as(sql).doesNotContain(maskingKey);
      }
    }
  }

  @Test
  void maskedValuesStayMaskedAndStable() throws Exception {
    String ana = token("ana", "analyst");
    String sql = "SELECT registrant_email, actor_ip, account_id FROM security.registrar.events ORDER BY event_id";
    List<List<Object>> first = query(ana, sql);
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < EMAILS.size(); i++) {
      List<Object> row = new ArrayList<>();
      row.add(hmacHex(maskingKey, EMAILS.get(i)));
      row.add("192.0.2.0");
      row.add(null);
      expected.add(row);
    }
    assertThat(first).as("pseudonym = HMAC-SHA256 under the mesh's key, as before; IP cut; account nulled")
        .isEqualTo(expected);
    assertThat(query(ana, sql)).as("stable across queries").isEqualTo(first);
    assertThat(text(first)).doesNotContain("@");
    assertThat(query(token("steward-security", "steward"),
        "SELECT registrant_email FROM security.registrar.events ORDER BY event_id"))
        .as("the owning steward sees clear values").containsExactly(
            List.of(EMAILS.get(0)), List.of(EMAILS.get(1)), List.of(EMAILS.get(2)));
  }

  /**
   * The pseudonym function is no oracle: were it callable, ana could pseudonymise guessed addresses and match them
   * against the masked column (re-identification). Every way to call it is refused, for the admin too; only the
   * masks (evaluated as the masking identity) compute it.
   */
  @Test
  void nobodyCanCallThePseudonymFunctionToMatchGuessesAgainstMaskedValues() throws Exception {
    String guess = EMAILS.get(0);
    for (String principal : List.of("ana", "steward-security", "root")) {
      String token = token(principal, principal.equals("ana") ? "analyst" : principal.equals("root") ? "admin"
          : "steward");
      for (String sql : List.of("SELECT mesh.masking.pseudonym('" + guess + "')",
          "SELECT \"mesh\".\"masking\".\"pseudonym\"('" + guess + "')",
          "SELECT count(*) FROM security.registrar.events WHERE registrant_email = mesh.masking.pseudonym('"
              + guess + "')",
          "SELECT mesh_pseudonym('" + guess + "')")) {
        assertThatThrownBy(() -> query(token, sql)).as(principal + ": " + sql).isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(hmacHex(maskingKey, guess)));
      }
    }
    // the masks still compute it: ana sees the pseudonym of the very value she may not pseudonymise herself
    assertThat(query(token("ana", "analyst"), "SELECT registrant_email FROM security.registrar.events ORDER BY event_id")
        .getFirst()).containsExactly(hmacHex(maskingKey, guess));
  }

  // ---- helpers

  private static void seedRegistrarEvents() throws Exception {
    Schema schema = new Schema(
        Types.NestedField.required(1, "event_id", Types.StringType.get()),
        Types.NestedField.required(2, "ts", Types.TimestampType.withZone()),
        Types.NestedField.required(3, "domain_name", Types.StringType.get()),
        Types.NestedField.required(4, "event_type", Types.StringType.get()),
        Types.NestedField.optional(5, "registrant_email", Types.StringType.get()),
        Types.NestedField.optional(6, "actor_ip", Types.StringType.get()),
        Types.NestedField.optional(7, "account_id", Types.LongType.get()),
        Types.NestedField.required(8, "region", Types.StringType.get()));
    try (RESTCatalog catalog = new RESTCatalog()) {
      catalog.initialize("security", Map.of(
          "uri", config.icebergRestUrl(),
          "warehouse", "security",
          "token", stack.tokens().mint("publisher-security", List.of("publisher"), List.of("security"),
              Duration.ofMinutes(10)),
          "io-impl", LocalFileIO.class.getName(),
          "rest-metrics-reporting-enabled", "false"));
      catalog.createNamespace(EVENTS.namespace(), new HashMap<>());
      Table table = catalog.createTable(EVENTS, schema);
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < EMAILS.size(); i++) {
        GenericRecord row = GenericRecord.create(schema);
        row.setField("event_id", "e" + i);
        row.setField("ts", OffsetDateTime.of(2026, 11, 23, 10, i, 0, 0, ZoneOffset.UTC));
        row.setField("domain_name", "example" + i + ".org");
        row.setField("event_type", "transfer");
        row.setField("registrant_email", EMAILS.get(i));
        row.setField("actor_ip", "192.0.2." + (10 + i));
        row.setField("account_id", 1000L + i);
        row.setField("region", "eu");
        rows.add(row);
      }
      IcebergAppender.append(table, rows);
    }
  }

  private static HttpResponse<String> clientCredentials(String client, String secret) throws Exception {
    String form = "grant_type=client_credentials&scope=catalog&client_id=" + URLEncoder.encode(client, StandardCharsets.UTF_8)
        + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(config.icebergRestUrl() + "/v1/oauth/tokens"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String token(String principal, String role) {
    return stack.tokens().mint(principal, List.of(role), List.of(), Duration.ofMinutes(10));
  }

  private static List<List<Object>> query(String accessToken, String sql) throws SQLException {
    return TrinoSql.rows(config, accessToken, sql);
  }

  private static String text(List<List<Object>> rows) {
    return rows.toString();
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  /** Independent of the plugin: the JDK's HMAC, uppercase hex (Trino's to_hex). */
  private static String hmacHex(String key, String value) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().withUpperCase().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }
}

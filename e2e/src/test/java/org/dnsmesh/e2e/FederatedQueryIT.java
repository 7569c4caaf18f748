package org.dnsmesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
import org.dnsmesh.infra.demo.DemoData;
import org.dnsmesh.infra.stack.DevTokens;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.infra.stack.TrinoSql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walking skeleton, end to end on the real stack: tables created through the catalog service's Iceberg
 * REST API in two domains, rows written with the Iceberg Java API, read back by Trino in one cross-catalog
 * query as verified principals (JWT over HTTPS) under the governance policy, and every process stopped.
 */
@Tag("e2e")
@ExtendWith(SharedStack.class)
@Order(SharedStack.ORDER)
class FederatedQueryIT {
  private static StackConfig config;
  private static MeshStack stack;

  @BeforeAll
  static void up() {
    config = SharedStack.config();
    stack = SharedStack.stack();
    // the shared stack's start seeded the demo tables through the catalog's Iceberg REST API as publisher-na and
    // publisher-eu, and refused to start unless exactly both were written
    assertThat(new DemoData(config, stack.tokens()).seed()).as("seeding twice writes nothing").isEmpty();
  }

  private static String token(String principal, String role) {
    return stack.tokens().mint(principal, List.of(role), List.of(), Duration.ofMinutes(10));
  }

  private static List<List<Object>> query(String accessToken, String sql) throws SQLException {
    return TrinoSql.rows(config, accessToken, sql);
  }

  @Test
  void adminSeesBothDomainsInOneQuery() throws Exception {
    assertThat(query(token("root", "admin"), DemoData.SAMPLE_QUERY)).containsExactly(
        List.of("eu", "eu", "NOERROR", 2L),
        List.of("eu", "eu", "NXDOMAIN", 1L),
        List.of("eu", "na", "NOERROR", 1L),
        List.of("na", "eu", "NXDOMAIN", 1L),
        List.of("na", "eu", "SERVFAIL", 1L),
        List.of("na", "na", "NOERROR", 2L),
        List.of("na", "na", "NXDOMAIN", 1L));
  }

  @Test
  void analystScopedToARegionSeesOnlyItsRowsWithPiiMasked() throws Exception {
    String ana = token("ana", "analyst");
    assertThat(query(ana, DemoData.SAMPLE_QUERY)).containsExactly(
        List.of("eu", "eu", "NOERROR", 2L),
        List.of("eu", "eu", "NXDOMAIN", 1L),
        List.of("na", "eu", "NXDOMAIN", 1L),
        List.of("na", "eu", "SERVFAIL", 1L));
    List<Object> nullQname = new ArrayList<>();
    nullQname.add("192.0.2.0");
    nullQname.add(null);
    assertThat(query(ana, "SELECT client_ip, qname FROM na.resolver.queries ORDER BY ts"))
        .as("client IP cut to /24, internal qname nulled, rows of other regions filtered")
        .containsExactly(nullQname, nullQname);
  }

  /** Issue 19 (5): `mesh sql` runs as the principal it names, with the policy's masks and filters, never anonymous. */
  @Test
  void meshSqlAnswersAsThePrincipalItNamesAndNeverAnonymously() throws Exception {
    String sql = "SELECT client_ip, qname FROM na.resolver.queries ORDER BY ts";
    CliRun ana = mesh("sql", "--as", "ana", "--format", "csv", "-e", sql);
    assertThat(ana.exitCode()).as(ana.err()).isZero();
    assertThat(ana.out()).as("the same masked, eu-only rows as over JDBC")
        .isEqualTo("client_ip,qname\r\n192.0.2.0,\r\n192.0.2.0,\r\n");

    CliRun kenji = mesh("sql", "--as", "kenji", "-e", "SELECT count(*) FROM na.resolver.queries");
    assertThat(kenji.exitCode()).isEqualTo(1);
    assertThat(kenji.err()).contains("Access Denied");

    CliRun stranger = mesh("sql", "--as", "mallory", "-e", "SELECT 1");
    assertThat(stranger.exitCode()).isEqualTo(2);
    assertThat(stranger.err()).contains("Unknown principal 'mallory'");
    if (System.getenv("MESH_TOKEN") == null) {
      CliRun anonymous = mesh("sql", "-e", "SELECT 1");
      assertThat(anonymous.exitCode()).isEqualTo(2);
      assertThat(anonymous.err()).contains("Every query runs as a verified principal");
    }
  }

  private record CliRun(int exitCode, String out, String err) {}

  /** The `mesh` command in this JVM, pointed at this test's stack (state directory and ports). */
  private static synchronized CliRun mesh(String... args) {
    java.util.Map<String, String> settings = java.util.Map.of(
        "mesh.home", EphemeralKafka.projectHome().toString(),
        "mesh.state-dir", config.stateDir().toString(),
        "mesh.trino-https-port", String.valueOf(config.trinoHttpsPort()),
        "mesh.catalog-port", String.valueOf(config.catalogPort()));
    java.io.PrintStream stdout = System.out;
    java.io.PrintStream stderr = System.err;
    var out = new java.io.ByteArrayOutputStream();
    var err = new java.io.ByteArrayOutputStream();
    settings.forEach(System::setProperty);
    try {
      System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
      System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
      int exitCode = org.dnsmesh.infra.cli.MeshCli.run(args);
      return new CliRun(exitCode, out.toString(java.nio.charset.StandardCharsets.UTF_8),
          err.toString(java.nio.charset.StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
      settings.keySet().forEach(System::clearProperty);
    }
  }

  /** Issue 15 (2): Trino's hidden file columns would tell a masked analyst where the raw Parquet lies. */
  @Test
  void maskedAnalystMayNotSelectTheHiddenFileColumns() throws Exception {
    String ana = token("ana", "analyst");
    for (String sql : List.of("SELECT \"$path\" FROM na.resolver.queries",
        "SELECT \"$file_modified_time\" FROM na.resolver.queries", "SELECT \"$partition\" FROM eu.authoritative.responses",
        "SELECT file_path FROM na.resolver.\"queries$files\"")) {
      assertThatThrownBy(() -> query(ana, sql)).as(sql).isInstanceOf(SQLException.class)
          .hasMessageContaining("Access Denied");
    }
    // the other metadata tables (file paths, per-partition min/max values in clear, snapshot ids) and the table
    // function that reads a table's changed rows outside its masks and filters
    for (String metadata : List.of("partitions", "manifests", "all_manifests", "entries", "all_entries", "snapshots",
        "history", "metadata_log_entries", "refs", "properties")) {
      String sql = "SELECT * FROM na.resolver.\"queries$" + metadata + "\"";
      assertThatThrownBy(() -> query(ana, sql)).as(sql).isInstanceOf(SQLException.class)
          .hasMessageContaining("Access Denied");
    }
    assertThatThrownBy(() -> query(ana, "SELECT * FROM TABLE(na.system.table_changes(schema_name => 'resolver', "
        + "table_name => 'queries', start_snapshot_id => 0, end_snapshot_id => 1))"))
        .as("table_changes").isInstanceOf(SQLException.class).hasMessageContaining("Access Denied");
    // the steward sees the table in clear: the hidden columns hold nothing it may not read
    assertThat(query(token("nora", "steward"), "SELECT \"$path\" FROM na.resolver.queries LIMIT 1")).hasSize(1);
  }

  /**
   * Issue 15 (5) on the real Trino: na's raw product table has no region column, so the eu analyst's region filter
   * cannot be compiled for it; it fails closed (no row), where ana used to read every row. The steward of na and an
   * analyst without a region read all of them.
   */
  @Test
  void aRegionFilterOnATableWithoutTheColumnShowsNoRow() throws Exception {
    Schema schema = new Schema(
        Types.NestedField.required(1, "event_id", Types.StringType.get()),
        Types.NestedField.optional(2, "query_name", Types.StringType.get()),
        Types.NestedField.optional(3, "rcode", Types.StringType.get()));
    try (RESTCatalog na = new RESTCatalog()) {
      na.initialize("na", Map.of("uri", config.icebergRestUrl(), "warehouse", "na",
          "token", stack.tokens().mint("publisher-na", List.of("publisher"), List.of("na"), Duration.ofMinutes(10)),
          "io-impl", LocalFileIO.class.getName(), "rest-metrics-reporting-enabled", "false"));
      na.createNamespace(Namespace.of("na"), new java.util.HashMap<>());
      Table table = na.createTable(TableIdentifier.of("na", "resolver_queries"), schema);
      List<Record> rows = new ArrayList<>();
      for (String rcode : List.of("NOERROR", "NXDOMAIN", "SERVFAIL")) {
        GenericRecord row = GenericRecord.create(schema);
        row.setField("event_id", "e-" + rcode);
        row.setField("query_name", "www.example.com");
        row.setField("rcode", rcode);
        rows.add(row);
      }
      IcebergAppender.append(table, rows);
    }
    String sql = "SELECT count(*) FROM na.na.resolver_queries";
    assertThat(query(token("ana", "analyst"), sql)).as("eu analyst, na table without region").containsExactly(List.of(0L));
    assertThat(query(token("nora", "steward"), sql)).containsExactly(List.of(3L));
    assertThat(query(token("alan", "analyst"), sql)).as("analyst without a region").containsExactly(List.of(3L));
  }

  /** Issue 15 (2) and (7): the catalog refuses the same analyst the table's files, as the decision point says. */
  @Test
  void catalogHandsTableFilesOnlyToWhomTrinoShowsThemUnmasked() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI table = URI.create(config.icebergRestUrl() + "/v1/na/namespaces/resolver/tables/queries");
    HttpResponse<String> ana = http.send(HttpRequest.newBuilder(table)
        .header("Authorization", "Bearer " + token("ana", "analyst")).GET().build(), BodyHandlers.ofString());
    assertThat(ana.statusCode()).isEqualTo(403);
    assertThat(ana.body()).contains("Trino").doesNotContain("metadata/");
    HttpResponse<String> nora = http.send(HttpRequest.newBuilder(table)
        .header("Authorization", "Bearer " + token("nora", "steward")).GET().build(), BodyHandlers.ofString());
    assertThat(nora.statusCode()).isEqualTo(200);
    assertThat(nora.body()).contains("metadata-location");
  }

  /**
   * Issue 15 (7), spot-checked on the real Trino: for each principal x demo table, what Trino answers (may select,
   * client IP masked to /24, rows seen, may select "$path") is what the catalog's decision point answers over the
   * same policy and classifications. Rows are checked against root's unfiltered counts per region.
   */
  @Test
  void trinoAnswersWhatTheDecisionPointDecidesForEveryPrincipalAndTable() throws Exception {
    var policy = org.dnsmesh.governance.policy.PolicyLoader.load(config.policyFile());
    var decisions = new org.dnsmesh.governance.decision.EmbeddedPolicyDecisionPoint(policy,
        org.dnsmesh.governance.policy.PolicyLoader.loadTables(config.policyTablesFile()),
        new org.dnsmesh.governance.policy.MaskExpressions());
    String root = token("root", "admin");
    List<String[]> tables = List.of(new String[] {"na.resolver.queries", "client_ip"},
        new String[] {"eu.authoritative.responses", "source_ip"});
    int cells = 0;
    for (String principal : List.of("ana", "li", "alan", "analyst", "nora", "sofia", "kenji", "alice", "grace", "trino")) {
      String token = token(principal, "analyst");
      for (String[] table : tables) {
        var ref = org.dnsmesh.governance.policy.TableRef.parse(table[0]);
        var access = decisions.tableAccess(org.dnsmesh.governance.policy.PrincipalName.of(principal), ref);
        String cell = principal + " " + table[0];
        boolean read = access.can(org.dnsmesh.governance.policy.Privilege.READ);
        if (!read) {
          assertThatThrownBy(() -> query(token, "SELECT count(*) FROM " + table[0])).as(cell).hasMessageContaining("Access Denied");
          cells++;
          continue;
        }
        boolean masked = access.columnMasks().stream().anyMatch(m -> m.column().equals(table[1]));
        List<List<Object>> ips = query(token, "SELECT " + table[1] + " FROM " + table[0]);
        assertThat(ips.stream().allMatch(row -> row.getFirst() == null || row.getFirst().toString().endsWith(".0")))
            .as(cell + " masked " + table[1]).isEqualTo(masked);
        String filter = access.rowFilters().isEmpty() ? "true"
            : String.join(" AND ", access.rowFilters().stream().map(org.dnsmesh.governance.decision.RowFilter::expression).toList());
        long expectedRows = (Long) query(root, "SELECT count(*) FROM " + table[0] + " WHERE " + filter).getFirst().getFirst();
        assertThat((long) ips.size()).as(cell + " rows under " + filter).isEqualTo(expectedRows);
        boolean files = decisions.authorize(org.dnsmesh.governance.policy.PrincipalName.of(principal),
            org.dnsmesh.governance.policy.Operation.READ_TABLE_FILES, ref.toResource()).allowed();
        boolean pathSelectable;
        try {
          query(token, "SELECT \"$path\" FROM " + table[0] + " LIMIT 1");
          pathSelectable = true;
        } catch (SQLException e) {
          pathSelectable = false;
        }
        assertThat(pathSelectable).as(cell + " $path").isEqualTo(files);
        cells += 4;
      }
    }
    System.out.printf("[FederatedQueryIT] %d principal x table x answer cells agree between Trino and the decision point%n", cells);
  }

  @Test
  void stewardOfTheOwningDomainSeesClearValues() throws Exception {
    assertThat(query(token("nora", "steward"), "SELECT client_ip, qname FROM na.resolver.queries ORDER BY ts LIMIT 1"))
        .containsExactly(List.of("198.51.100.23", "www.example.com"));
  }

  @Test
  void principalWithoutAGrantIsDenied() {
    assertThatThrownBy(() -> query(token("kenji", "publisher"), "SELECT count(*) FROM na.resolver.queries"))
        .isInstanceOf(SQLException.class).hasMessageContaining("Access Denied");
  }

  @Test
  void identityMustBeProvenNotClaimed() throws Exception {
    assertThatThrownBy(() -> query(null, "SELECT 1")).as("no token").isInstanceOf(SQLException.class);

    Path otherKeys = Files.createTempDirectory("forged-keys-");
    DevTokens forger = new DevTokens(otherKeys.resolve("private.pem"), otherKeys.resolve("public.pem"));
    forger.ensureKeyPair();
    String forged = forger.mint("root", List.of("admin"), List.of(), Duration.ofMinutes(5));
    assertThatThrownBy(() -> query(forged, "SELECT 1")).as("token signed by another key")
        .isInstanceOf(SQLException.class);

    Properties claimed = new Properties();
    claimed.setProperty("user", "root");
    assertThatThrownBy(() -> {
      try (Connection http = DriverManager.getConnection("jdbc:trino://127.0.0.1:" + config.trinoPort(), claimed);
          Statement statement = http.createStatement()) {
        statement.executeQuery("SELECT 1").close();
      }
    }).as("a user name claimed over plain HTTP").isInstanceOf(SQLException.class);
  }

  @Test
  void catalogRefusesAnonymousCallersAndAnalystWrites() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
        URI.create(config.icebergRestUrl() + "/v1/na/namespaces")).GET().build(), BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);

    String analyst = token("ana", "analyst");
    HttpResponse<String> write = http.send(HttpRequest.newBuilder(
            URI.create(config.icebergRestUrl() + "/v1/na/namespaces"))
        .header("Authorization", "Bearer " + analyst)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"namespace\":[\"analyst_scratch\"]}")).build(),
        BodyHandlers.ofString());
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(write.body()).contains("\"error\"");

    HttpResponse<String> read = http.send(HttpRequest.newBuilder(
            URI.create(config.icebergRestUrl() + "/v1/na/namespaces"))
        .header("Authorization", "Bearer " + analyst).GET().build(), BodyHandlers.ofString());
    assertThat(read.statusCode()).isEqualTo(200);
  }
}

package org.dnsmesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.dnsmesh.infra.cli.MeshCli;
import org.dnsmesh.infra.iceberg.IcebergAppender;
import org.dnsmesh.infra.iceberg.LocalFileIO;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.StackConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * An access request as people run it, on the real stack: the analyst alan, whom the policy gives nothing on the
 * raw registrar events of domain security, is refused by Trino and by the catalog; he asks with
 * {@code mesh access request} for a short term; the requester and a steward of another domain cannot approve it, a
 * steward of security does; within seconds alan reads the table through Trino (same process, rules re-read) and the
 * product through the catalog; when the term ends the scheduled check revokes the grant and both refuse him again.
 * The audit chain holds every step.
 */
@Tag("e2e")
@ExtendWith(SharedStack.class)
@Order(SharedStack.ORDER)
class AccessRequestIT {
  private static final String SQL = "SELECT count(*) FROM security.registrar.events";
  private static final Duration TERM = Duration.ofSeconds(25);
  private static StackConfig config;
  private static MeshStack stack;

  @BeforeAll
  static void up() throws Exception {
    config = SharedStack.config();
    stack = SharedStack.stack();
    writeRegistrarEvents();
  }


  /** security.registrar.events (classified in the demo tables file) with three rows, written as its domain's publisher. */
  private static void writeRegistrarEvents() throws Exception {
    Schema schema = new Schema(
        Types.NestedField.required(1, "event_id", Types.StringType.get()),
        Types.NestedField.required(2, "ts", Types.TimestampType.withZone()),
        Types.NestedField.required(3, "domain_name", Types.StringType.get()),
        Types.NestedField.required(4, "event_type", Types.StringType.get()),
        Types.NestedField.optional(5, "registrant_email", Types.StringType.get()),
        Types.NestedField.optional(6, "actor_ip", Types.StringType.get()),
        Types.NestedField.optional(7, "account_id", Types.LongType.get()),
        Types.NestedField.required(8, "region", Types.StringType.get()));
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      GenericRecord row = GenericRecord.create(schema);
      row.setField("event_id", "e" + i);
      row.setField("ts", OffsetDateTime.of(2026, 12, 1, 10, i, 0, 0, ZoneOffset.UTC));
      row.setField("domain_name", "example" + i + ".org");
      row.setField("event_type", "ns-change");
      row.setField("registrant_email", "owner" + i + "@example.org");
      row.setField("actor_ip", "192.0.2." + (10 + i));
      row.setField("account_id", 1000L + i);
      row.setField("region", i == 0 ? "eu" : "na");
      rows.add(row);
    }
    try (RESTCatalog security = new RESTCatalog()) {
      security.initialize("security", Map.of("uri", config.icebergRestUrl(), "warehouse", "security",
          "token", token("publisher-security", "publisher", List.of("security")), "rest.auth.type", "oauth2",
          "oauth2-server-uri", config.icebergRestUrl() + "/v1/oauth/tokens", "io-impl", LocalFileIO.class.getName(),
          "rest-metrics-reporting-enabled", "false"));
      security.createNamespace(Namespace.of("registrar"), new HashMap<>());
      Table table = security.createTable(TableIdentifier.of("registrar", "events"), schema);
      IcebergAppender.append(table, rows);
    }
  }

  private static String token(String principal, String role, List<String> domains) {
    return stack.tokens().mint(principal, List.of(role), domains, Duration.ofMinutes(10));
  }

  record Run(int exitCode, String out, String err) {}

  private static Run mesh(String token, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new MeshCli());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> full = new ArrayList<>(List.of(args));
    full.addAll(List.of("--catalog", config.catalogUrl(), "--token", token));
    int exit = commandLine.execute(full.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  /** alan's count of the registrar events through Trino, or -1 when Trino denies him. */
  private static long trinoCount(String alan) {
    Properties properties = new Properties();
    properties.setProperty("accessToken", alan);
    try (Connection trino = DriverManager.getConnection(config.trinoJdbcUrl(), properties);
        Statement statement = trino.createStatement();
        ResultSet result = statement.executeQuery(SQL)) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      assertThat(e.getMessage()).as("the only refusal expected is an access denial").contains("Access Denied");
      return -1;
    }
  }

  private static int catalogStatus(String token, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(config.catalogUrl() + path))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static long secondsUntil(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - start > timeout.toNanos()) {
        return -1;
      }
      Thread.sleep(250);
    }
    return System.nanoTime() - start;
  }

  @Test
  void anApprovedRequestReadsThroughTrinoAndTheCatalogWithinSecondsAndExpiryRevokesIt() throws Exception {
    String publisher = token("publisher-security", "publisher", List.of("security"));
    HttpResponse<String> registered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(config.catalogUrl() + "/api/v1/products"))
        .header("Authorization", "Bearer " + publisher).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"domain\":\"security\",\"name\":\"registrar\",\"ownerTeam\":\"security-ops\","
            + "\"outputPorts\":[{\"namespace\":\"registrar\",\"table\":\"events\"}]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);

    String alan = token("alan", "analyst", List.of());
    String victor = token("victor", "steward", List.of("security"));
    String nora = token("nora", "steward", List.of("na"));
    assertThat(trinoCount(alan)).as("no grant: Trino denies alan").isEqualTo(-1);
    assertThat(catalogStatus(alan, "/api/v1/products/security/registrar")).isEqualTo(403);

    Run requested = mesh(alan, "access", "request", "--product", "security/registrar", "--duration", TERM.toSeconds() + "s",
        "--purpose", "fraud research on registrar changes");
    assertThat(requested.exitCode()).as(requested.err()).isZero();
    assertThat(requested.out()).contains("SUBMITTED").contains("for 25 seconds").contains("stewards of domain security may approve");
    Matcher id = Pattern.compile("access request\\s+([0-9a-f-]{36})").matcher(requested.out());
    assertThat(id.find()).isTrue();
    String request = id.group(1);

    Run self = mesh(alan, "access", "approve", request, "-m", "mine");
    assertThat(self.exitCode()).isEqualTo(1);
    assertThat(self.err()).contains("HTTP 403");
    Run otherDomain = mesh(nora, "access", "approve", request, "-m", "na steward");
    assertThat(otherDomain.exitCode()).isEqualTo(1);
    assertThat(otherDomain.err()).contains("HTTP 403");
    assertThat(mesh(victor, "access", "list", "--state", "submitted").out()).contains(request).contains("1 access request(s)");

    Run approved = mesh(victor, "access", "approve", request, "-m", "for the fraud study");
    Instant approvedAt = Instant.now();
    assertThat(approved.exitCode()).as(approved.err()).isZero();
    assertThat(approved.out()).contains("PUBLISHED").contains("grant       in force until")
        .contains("Trino rules rewritten at " + config.layout().trinoRules());

    long catalogNanos = secondsUntil(() -> {
      try {
        return catalogStatus(alan, "/api/v1/products/security/registrar") == 200;
      } catch (Exception e) {
        return false;
      }
    }, Duration.ofSeconds(10));
    long trinoNanos = secondsUntil(() -> trinoCount(alan) == 3, Duration.ofSeconds(20));
    System.out.printf("[mesh] grant readable: catalog after %.1f s, Trino after %.1f s (from approval)%n", catalogNanos / 1e9,
        trinoNanos / 1e9);
    assertThat(catalogNanos).as("the catalog's decision point reads the grant within seconds").isNotNegative();
    assertThat(trinoNanos).as("Trino reads the regenerated rules within seconds").isNotNegative();
    assertThat(trinoCount(token("li", "analyst", List.of()))).as("the grant is alan's only").isEqualTo(-1);

    Instant expiry = approvedAt.plus(TERM);
    long revokedNanos = secondsUntil(() -> trinoCount(alan) == -1, TERM.plusSeconds(30));
    assertThat(revokedNanos).as("revoked at expiry").isNotNegative();
    System.out.printf("[mesh] grant revoked in Trino %.1f s after its expiry%n",
        Duration.between(expiry, Instant.now()).toMillis() / 1e3);
    assertThat(Instant.now()).as("not before its term").isAfter(expiry.minusSeconds(2));
    assertThat(catalogStatus(alan, "/api/v1/products/security/registrar")).isEqualTo(403);
    assertThat(mesh(alan, "access", "show", request).out()).contains("grant       ended");

    Run verified = mesh(token("grace", "governance", List.of()), "audit", "verify");
    assertThat(verified.exitCode()).isZero();
    assertThat(verified.out()).startsWith("OK: audit log intact");
  }
}

package org.dnsmesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dnsmesh.infra.cli.MeshCli;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.Ports;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.infra.stack.TrinoSecurity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * The review workflow as users run it, on the real stack: `mesh change` proposes the first contract of the demo
 * product na/resolver (it makes qname public), the author cannot approve it, a steward and governance do; the
 * catalog publishes it and rewrites the rules file Trino reads, and the analyst ana, who saw qname as NULL,
 * sees it in clear without Trino restarting. `mesh audit verify` reports the chain intact, then a deleted row.
 */
@Tag("e2e")
@ExtendWith(SharedStack.class)
// after every other class on the shared stack: it makes the demo table's qname public and breaks the audit chain
@Order(SharedStack.LAST)
class GovernanceWorkflowIT {
  private static final String SQL = "SELECT client_ip, qname FROM na.resolver.queries ORDER BY ts";
  private static StackConfig config;
  private static MeshStack stack;

  @BeforeAll
  static void up() {
    config = SharedStack.config();
    stack = SharedStack.stack();
  }

  /** The last class on the shared stack stops it, and checks that every process stopped and released its port. */
  @AfterAll
  static void down() {
    SharedStack.stop();
    assertThat(stack.status()).allSatisfy(status -> assertThat(status.pid()).isNull());
    assertThat(Ports.isFree(config.trinoHttpsPort())).isTrue();
    assertThat(Ports.isFree(config.catalogPort())).isTrue();
    assertThat(Ports.isFree(config.kafkaPort())).isTrue();
  }

  private static String token(String principal, String role, List<String> domains) {
    return stack.tokens().mint(principal, List.of(role), domains, Duration.ofMinutes(10));
  }

  record Run(int exitCode, String out, String err) {}

  /** `mesh ...` in process, against this stack's catalog with the given token. */
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

  private static List<List<Object>> query(String principal, String role) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("accessToken", token(principal, role, List.of()));
    List<List<Object>> rows = new ArrayList<>();
    try (Connection trino = DriverManager.getConnection(config.trinoJdbcUrl(), properties);
        Statement statement = trino.createStatement();
        ResultSet result = statement.executeQuery(SQL)) {
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

  private static long trinoPid() {
    return stack.status().stream().filter(s -> s.name().equals("Trino")).findFirst().orElseThrow().pid();
  }

  @Test
  void approvedContractChangeReachesTrinoWithoutRestartAndTheAuditLogCatchesTampering() throws Exception {
    List<Object> masked = new ArrayList<>();
    masked.add("192.0.2.0");
    masked.add(null);
    assertThat(query("ana", "analyst")).as("demo classifications: qname internal -> NULL for analysts")
        .containsExactly(masked, masked);
    long pid = trinoPid();

    String alice = token("alice", "publisher", List.of("na"));
    String nora = token("nora", "steward", List.of("na"));
    String grace = token("grace", "governance", List.of());
    HttpResponse<String> registered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(config.catalogUrl() + "/api/v1/products"))
        .header("Authorization", "Bearer " + alice).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"domain\":\"na\",\"name\":\"resolver\",\"outputPorts\":[{\"namespace\":\"resolver\",\"table\":\"queries\"}]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
    Path contract = Path.of(getClass().getResource("/governance/na-resolver-1.0.0.yaml").toURI());

    Run proposed = mesh(alice, "change", "propose", "--product", "na/resolver", contract.toString());
    assertThat(proposed.exitCode()).as(proposed.err()).isZero();
    assertThat(proposed.out()).contains("SUBMITTED").contains("policy-lint").contains("impact-analysis");
    Matcher id = Pattern.compile("change\\s+([0-9a-f-]{36})").matcher(proposed.out());
    assertThat(id.find()).isTrue();
    String change = id.group(1);

    Run self = mesh(alice, "change", "approve", change, "-m", "mine");
    assertThat(self.exitCode()).isEqualTo(1);
    assertThat(self.err()).contains("HTTP 403").hasLineCount(1);
    assertThat(mesh(nora, "change", "approve", change, "-m", "ok for na").out())
        .contains("state       SUBMITTED").contains("stewards 1/1, governance 0/1");
    Run approved = mesh(grace, "change", "approve", change, "-m", "qname may be public");
    assertThat(approved.exitCode()).as(approved.err()).isZero();
    assertThat(approved.out()).contains("PUBLISHED").contains("Trino rules rewritten at " + config.layout().trinoRules());
    String maskingKey = new TrinoSecurity(config).ensureSecrets().getProperty("masking-key");
    assertThat(Files.readString(config.layout().trinoRules())).as("hmac masks call the server-side function, the key"
        + " stays out of the rules' SQL").contains("mesh.masking.pseudonym(").doesNotContain(maskingKey);

    long start = System.nanoTime();
    List<List<Object>> rows = query("ana", "analyst");
    while (rows.getFirst().get(1) == null && System.nanoTime() - start < Duration.ofSeconds(30).toNanos()) {
      Thread.sleep(500);
      rows = query("ana", "analyst");
    }
    System.out.printf("[mesh] approved change visible in Trino after %.1f s%n", (System.nanoTime() - start) / 1e9);
    assertThat(rows).as("qname public now; client_ip still cut to /24; rows still filtered to region eu")
        .containsExactly(List.of("192.0.2.0", "x1.example.org"), List.of("192.0.2.0", "api.example.net"));
    assertThat(trinoPid()).as("same Trino process").isEqualTo(pid);

    assertThat(mesh(nora, "change", "list", "--state", "published").out()).contains(change).contains("1 change(s)");
    assertThat(mesh(nora, "change", "show", change).out()).contains("r1 APPROVE nora").contains("r1 APPROVE grace");
    assertThat(mesh(nora, "change", "diff", change).out()).contains("(none) -> 1.0.0");
    Run missing = mesh(nora, "change", "show", "00000000-0000-0000-0000-000000000000");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("HTTP 404");

    Run verified = mesh(grace, "audit", "verify");
    assertThat(verified.exitCode()).isZero();
    assertThat(verified.out()).startsWith("OK: audit log intact");
    assertThat(mesh(alice, "audit", "verify").exitCode()).as("publishers may not audit").isEqualTo(1);
    try (Connection connection = DriverManager.getConnection(config.postgres().databaseUrl(), config.postgres().user(),
        config.postgres().password()); Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE governance.audit_log DISABLE TRIGGER audit_log_append_only");
      statement.execute("DELETE FROM governance.audit_log WHERE seq = 3");
      statement.execute("ALTER TABLE governance.audit_log ENABLE TRIGGER audit_log_append_only");
    }
    Run broken = mesh(grace, "audit", "verify");
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.out()).startsWith("BROKEN: ").contains("3");
  }
}

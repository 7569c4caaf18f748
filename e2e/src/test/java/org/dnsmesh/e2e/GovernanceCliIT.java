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
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dnsmesh.infra.cli.MeshCli;
import org.dnsmesh.infra.stack.CatalogServiceProcess;
import org.dnsmesh.infra.stack.DevTokens;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.infra.stack.KafkaBroker;
import org.dnsmesh.infra.stack.Ports;
import org.dnsmesh.infra.stack.PostgresDatabase;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.infra.stack.TrinoSecurity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The review workflow as a user runs it: `mesh change` and `mesh audit` against the catalog service started
 * by the stack's own launcher (with Kafka, the stack's policy, rules file and masking key), no Trino needed.
 * An approved contract for the demo table na.resolver.queries rewrites the rules file Trino reads.
 */
@Tag("e2e")
class GovernanceCliIT {
  private static final Path CONTRACTS = EphemeralKafka.projectHome().resolve("catalog-service/src/test/resources/governance");
  private static StackConfig config;
  private static KafkaBroker kafka;
  private static CatalogServiceProcess catalog;
  private static DevTokens tokens;

  @BeforeAll
  static void up() throws Exception {
    Path state = Files.createTempDirectory("dnsmesh-governance-e2e-");
    config = StackConfig.fromEnvironment(EphemeralKafka.projectHome()).withStateDir(state)
        .withDatabase("dnsmesh_test_governance_cli").withFreePorts();
    PostgresDatabase database = new PostgresDatabase(config.postgres());
    database.dropDatabase();
    database.ensureDatabase();
    for (Path folder : List.of(config.layout().logs(), config.layout().pids(), config.layout().warehouse().resolve("na"),
        config.layout().trino())) {
      Files.createDirectories(folder);
    }
    tokens = new DevTokens(config.layout().jwtPrivateKey(), config.layout().jwtPublicKey());
    tokens.ensureKeyPair();
    // what TrinoServer does before Trino starts: secrets (masking key) and the rules compiled from the policy
    TrinoSecurity security = new TrinoSecurity(config);
    security.writeRules(security.ensureSecrets().getProperty("masking-key"));
    kafka = new KafkaBroker(config);
    catalog = new CatalogServiceProcess(config);
    kafka.preflight();
    catalog.preflight();
    kafka.start();
    catalog.start();
    kafka.awaitReady(Duration.ofSeconds(90));
    catalog.awaitReady(Duration.ofSeconds(120));
  }

  @AfterAll
  static void down() {
    if (catalog != null) {
      catalog.stop();
    }
    if (kafka != null) {
      kafka.stop();
    }
    assertThat(Ports.isFree(config.catalogPort())).isTrue();
    assertThat(Ports.isFree(config.kafkaPort())).isTrue();
  }

  private static String token(String principal, String role, List<String> domains) {
    return tokens.mint(principal, List.of(role), domains, Duration.ofMinutes(10));
  }

  record Run(int exitCode, String out, String err) {}

  private static Run mesh(String token, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new MeshCli());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    String[] full = new String[args.length + 4];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--catalog";
    full[args.length + 1] = config.catalogUrl();
    full[args.length + 2] = "--token";
    full[args.length + 3] = token;
    int exit = commandLine.execute(full);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void proposeReviewPublishAndVerifyTheAuditLogWithTheCli() throws Exception {
    String publisher = token("alice", "publisher", List.of("na"));
    String steward = token("nora", "steward", List.of("na"));
    String governance = token("grace", "governance", List.of());
    HttpResponse<String> registered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(config.catalogUrl() + "/api/v1/products"))
        .header("Authorization", "Bearer " + publisher).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"domain\":\"na\",\"name\":\"resolver\",\"outputPorts\":[{\"namespace\":\"resolver\",\"table\":\"queries\"}]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
    String rulesBefore = Files.readString(config.layout().trinoRules());
    assertThat(maskedColumns(rulesBefore, "ana")).contains("qname");

    // qname becomes public in the product's first contract: analysts will see it in clear
    Path contract = Files.createTempFile("resolver-", ".yaml");
    Files.writeString(contract, Files.readString(CONTRACTS.resolve("resolver-1.0.0.yaml"))
        .replace("name: qname\n        logicalType: string\n        physicalType: varchar\n        required: false\n"
            + "        classification: internal", "name: qname\n        logicalType: string\n        physicalType: varchar\n"
            + "        required: false\n        classification: public"));

    Run proposed = mesh(publisher, "change", "propose", "--product", "na/resolver", contract.toString());
    assertThat(proposed.exitCode()).as(proposed.err()).isZero();
    assertThat(proposed.out()).contains("SUBMITTED").contains("impact-analysis").contains("policy-lint");
    Matcher id = Pattern.compile("change\\s+([0-9a-f-]{36})").matcher(proposed.out());
    assertThat(id.find()).isTrue();
    String change = id.group(1);

    Run self = mesh(publisher, "change", "approve", change, "-m", "mine");
    assertThat(self.exitCode()).isEqualTo(1);
    assertThat(self.err()).contains("HTTP 403").doesNotContain("Exception\n");
    assertThat(mesh(steward, "change", "approve", change, "-m", "ok for na").out())
        .contains("state       SUBMITTED").contains("stewards 1/1, governance 0/1");
    Run approved = mesh(governance, "change", "approve", change, "-m", "classification reviewed");
    assertThat(approved.exitCode()).as(approved.err()).isZero();
    assertThat(approved.out()).contains("PUBLISHED").contains("Trino rules rewritten at " + config.layout().trinoRules());

    String rulesAfter = Files.readString(config.layout().trinoRules());
    assertThat(maskedColumns(rulesAfter, "ana")).as("the approved contract now decides ana's masks on na.resolver.queries")
        .contains("client_ip").doesNotContain("qname");
    String maskingKey = new TrinoSecurity(config).ensureSecrets().getProperty("masking-key");
    assertThat(rulesAfter).as("hmac masks keep the stack's masking key").contains(maskingKey);

    assertThat(mesh(steward, "change", "list", "--state", "published").out()).contains(change).contains("1 change(s)");
    assertThat(mesh(steward, "change", "show", change).out()).contains("r1 APPROVE nora").contains("r1 APPROVE grace");
    assertThat(mesh(steward, "change", "diff", change).out()).contains("(none) -> 1.0.0");
    Run missing = mesh(steward, "change", "show", "00000000-0000-0000-0000-000000000000");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("HTTP 404");

    Run verified = mesh(governance, "audit", "verify");
    assertThat(verified.exitCode()).isZero();
    assertThat(verified.out()).startsWith("OK: audit log intact");
    assertThat(mesh(publisher, "audit", "verify").exitCode()).as("publishers may not audit").isEqualTo(1);

    try (Connection connection = DriverManager.getConnection(config.postgres().databaseUrl(), config.postgres().user(),
        config.postgres().password()); Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE governance.audit_log DISABLE TRIGGER audit_log_append_only");
      statement.execute("DELETE FROM governance.audit_log WHERE seq = 3");
      statement.execute("ALTER TABLE governance.audit_log ENABLE TRIGGER audit_log_append_only");
    }
    Run broken = mesh(governance, "audit", "verify");
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.out()).startsWith("BROKEN: ").contains("3");
  }

  /** Columns the rules mask for {@code user} on na.resolver.queries. */
  private static List<String> maskedColumns(String rules, String user) throws Exception {
    com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rules);
    java.util.ArrayList<String> masked = new java.util.ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode rule : root.path("tables")) {
      if (rule.path("user").asText().equals("^(" + user + ")$") && rule.path("catalog").asText().equals("na")
          && rule.path("schema").asText().equals("resolver") && rule.path("table").asText().equals("queries")) {
        rule.path("columns").forEach(column -> masked.add(column.path("name").asText()));
      }
    }
    return masked;
  }
}

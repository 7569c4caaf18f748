package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.dnsmesh.governance.compile.KafkaAclCompiler;

/** The catalog service (Quarkus): registry, Iceberg REST catalog, lineage. Built by the catalog-service module. */
public final class CatalogServiceProcess implements StackComponent {
  /** Lifetime of client-credentials tokens; passed on when the launcher has it as a system property (tests). */
  static final String CLIENT_TOKEN_LIFETIME = "mesh.auth.client-token-lifetime";
  private final StackConfig config;
  private final ManagedProcess process;

  public CatalogServiceProcess(StackConfig config) {
    this.config = config;
    StackLayout layout = config.layout();
    this.process = new ManagedProcess("catalog-service", layout.pidFile("catalog-service"),
        layout.log("catalog-service"));
  }

  @Override
  public String name() {
    return "Catalog service";
  }

  @Override
  public ManagedProcess process() {
    return process;
  }

  Path jar() {
    return config.home().resolve("catalog-service/target/quarkus-app/quarkus-run.jar");
  }

  @Override
  public void preflight() {
    if (!Files.exists(jar())) {
      throw new StackException("The catalog service is not built (" + jar() + " is missing). Build the "
          + "project first: ./mvnw -DskipTests package (./mesh does this for you).");
    }
    Ports.requireFree(config.catalogPort(), "catalog service HTTP", "MESH_CATALOG_PORT");
  }

  @Override
  public void start() {
    StackLayout layout = config.layout();
    StackConfig.PostgresSettings postgres = config.postgres();
    List<String> command = new ArrayList<>(List.of(
        config.javaHome().resolve("bin/java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
        "-Dquarkus.http.host=127.0.0.1",
        "-Dquarkus.http.port=" + config.catalogPort(),
        "-Dquarkus.datasource.jdbc.url=" + postgres.databaseUrl(),
        "-Dquarkus.datasource.username=" + postgres.user(),
        "-Dmesh.warehouse.root=" + layout.warehouse().toAbsolutePath(),
        "-Dmesh.auth.public-key=" + layout.jwtPublicKey().toAbsolutePath(),
        "-Dmesh.auth.private-key=" + layout.jwtPrivateKey().toAbsolutePath(),
        "-Dmesh.policy.file=" + config.policyFile().toAbsolutePath(),
        "-Dmesh.domains=" + String.join(",", config.domains()),
        // contract-change workflow: policy, rules file Trino re-reads, events
        "-Dmesh.governance.policy-file=" + config.policyFile().toAbsolutePath(),
        "-Dmesh.governance.tables-file=" + config.policyTablesFile().toAbsolutePath(),
        "-Dmesh.governance.trino-rules-file=" + layout.trinoRules().toAbsolutePath(),
        "-Dmesh.governance.kafka.bootstrap-servers=" + config.kafkaBootstrap(),
        "-Dmesh.governance.kafka.client-config="
            + new KafkaBroker(config).writeClientConfig(KafkaAclCompiler.CATALOG_PRINCIPAL).toAbsolutePath(),
        "-jar", jar().toString()));
    IdentitySettings identity = IdentitySettings.fromEnvironment();
    List<String> options = new ArrayList<>();
    identity.oidcIssuer().ifPresent(issuer -> options.addAll(List.of("-Dmesh.auth.oidc.issuer=" + issuer,
        "-Dmesh.auth.oidc.audience=" + identity.oidcAudience(),
        "-Dmesh.auth.oidc.principal-claim=" + identity.oidcPrincipalClaim(),
        "-Dmesh.auth.oidc.groups-claim=" + identity.oidcGroupsClaim())));
    if (identity.devLogin()) {
      // off unless asked for: loopback only, and only with the one-time secret written here and printed by up
      options.addAll(List.of("-Dmesh.auth.dev-tokens=true",
          "-Dmesh.auth.bootstrap-secret-file=" + BootstrapSecretFile.write(layout).toAbsolutePath()));
    }
    command.addAll(command.indexOf("-jar"), options);
    // a command line is readable by every local user (ps): secrets go in the 0600 config file instead
    writePrivateConfig();
    Optional.ofNullable(System.getProperty(CLIENT_TOKEN_LIFETIME))
        .ifPresent(lifetime -> command.add(command.size() - 2, "-D" + CLIENT_TOKEN_LIFETIME + "=" + lifetime));
    process.start(command, layout.catalogServiceConfig().getParent().getParent(), Map.of());
  }

  /**
   * Quarkus reads {@code config/application.properties} in its working folder: the database password and the
   * OAuth2 client secrets file go there (0600), not on the command line.
   */
  private void writePrivateConfig() {
    StackLayout layout = config.layout();
    Properties properties = new Properties();
    if (!config.postgres().password().isEmpty()) {
      properties.setProperty("quarkus.datasource.password", config.postgres().password());
    }
    properties.setProperty("mesh.auth.client-secrets-file",
        new ServiceCredentials(layout).file().toAbsolutePath().toString());
    // query lineage: the hash of Trino's ingest key (never the key), and where to confirm a query's user and tables
    properties.setProperty("mesh.lineage.trino.ingest-key-sha256", new TrinoLineageKey(layout).sha256Hex());
    properties.setProperty("mesh.lineage.trino.url", config.trinoHttpsUrl());
    properties.setProperty("mesh.lineage.trino.certificate", layout.trinoCertificate().toAbsolutePath().toString());
    StringWriter text = new StringWriter();
    try {
      properties.store(text, "Generated by mesh up: the catalog service's private settings; keep private");
    } catch (IOException e) {
      throw new StackException("Cannot render the catalog service's settings: " + e.getMessage(), e);
    }
    PrivateFiles.write(layout.catalogServiceConfig(), text.toString());
  }

  @Override
  public void awaitReady(Duration timeout) {
    StackComponent.await(this, timeout, this::isReady);
  }

  @Override
  public boolean isReady() {
    return Http.status(config.catalogUrl() + "/q/health/ready") == 200;
  }
}

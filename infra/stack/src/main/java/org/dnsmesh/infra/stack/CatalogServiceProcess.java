package org.dnsmesh.infra.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dnsmesh.governance.compile.KafkaAclCompiler;

/** The catalog service (Quarkus): registry, Iceberg REST catalog, lineage. Built by the catalog-service module. */
public final class CatalogServiceProcess implements StackComponent {
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
        "-Dquarkus.datasource.password=" + postgres.password(),
        "-Dmesh.warehouse.root=" + layout.warehouse().toAbsolutePath(),
        "-Dmesh.auth.public-key=" + layout.jwtPublicKey().toAbsolutePath(),
        "-Dmesh.auth.private-key=" + layout.jwtPrivateKey().toAbsolutePath(),
        "-Dmesh.auth.dev-tokens=true",
        "-Dmesh.policy.file=" + config.policyFile().toAbsolutePath(),
        "-Dmesh.domains=" + String.join(",", config.domains()),
        // contract-change workflow: policy, rules file Trino re-reads, masking key (from the secrets file), events
        "-Dmesh.governance.policy-file=" + config.policyFile().toAbsolutePath(),
        "-Dmesh.governance.tables-file=" + config.policyTablesFile().toAbsolutePath(),
        "-Dmesh.governance.trino-rules-file=" + layout.trinoRules().toAbsolutePath(),
        "-Dmesh.governance.masking-key-file=" + layout.trinoSecrets().toAbsolutePath(),
        "-Dmesh.governance.kafka.bootstrap-servers=" + config.kafkaBootstrap(),
        "-Dmesh.governance.kafka.client-config="
            + new KafkaBroker(config).writeClientConfig(KafkaAclCompiler.CATALOG_PRINCIPAL).toAbsolutePath(),
        "-jar", jar().toString()));
    process.start(command, config.layout().root().resolve("catalog-service"), Map.of());
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

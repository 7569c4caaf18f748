package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The quality monitor (module quality-monitor): discovers active products in the catalog's registry, checks their
 * tables against their contracts through the Iceberg REST catalog and Trino, keeps history in PostgreSQL
 * (schema {@code quality}), publishes alerts to Kafka ({@code mesh.quality.alerts}) and its verdicts as
 * OpenLineage quality facets to the catalog, where the product page shows them. {@code GET /metrics}
 * (Prometheus) and {@code GET /health} on its own port.
 *
 * <p>It runs as the {@code quality-monitor} principal with its OAuth2 client secret ({@link ServiceCredentials}),
 * handed over in the environment (not on the command line): it gets short-lived tokens from the catalog service
 * and renews them, for the Iceberg catalog, the registry, lineage and Trino alike. Settings {@code quality.*} given to the launcher as system properties
 * (e.g. {@code -Dquality.poll-interval=5s}) are passed on; {@code QUALITY_*} environment variables reach it anyway.
 */
public final class QualityMonitorProcess implements StackComponent {
  /** The monitor's principal: in the access policy, and the subject of its token. */
  public static final String PRINCIPAL = "quality-monitor";
  static final int DEFAULT_PORT = 9095;
  private static final String PORT_SETTING = "MESH_QUALITY_PORT";

  private final StackConfig config;
  private final ManagedProcess process;
  private int port;

  public QualityMonitorProcess(StackConfig config) {
    this.config = config;
    StackLayout layout = config.layout();
    this.process = new ManagedProcess("quality-monitor", layout.pidFile("quality-monitor"), layout.log("quality-monitor"));
    this.port = recordedPort().orElse(configuredPort().orElse(DEFAULT_PORT));
  }

  @Override
  public String name() {
    return "Quality monitor";
  }

  @Override
  public ManagedProcess process() {
    return process;
  }

  Path jar() {
    return config.home().resolve("quality-monitor/target/quality-monitor.jar");
  }

  /** Where {@code GET /metrics} and {@code /health} answer. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  private Path portFile() {
    return config.layout().root().resolve("quality-monitor/http.port");
  }

  @Override
  public void preflight() {
    if (!Files.exists(jar()) || !Files.isDirectory(jar().resolveSibling("lib"))) {
      throw new StackException("The quality monitor is not built (" + jar() + " or its lib/ is missing). Build the "
          + "project first: ./mvnw -DskipTests package (./mesh does this for you).");
    }
    Optional<Integer> configured = configuredPort();
    if (configured.isPresent()) {
      port = configured.get();
      Ports.requireFree(port, "quality monitor HTTP", PORT_SETTING);
    } else {
      // the default port is only a preference: a second mesh (tests, another checkout) takes a free one
      port = Ports.isFree(DEFAULT_PORT) ? DEFAULT_PORT : Ports.findFree();
    }
  }

  @Override
  public void start() {
    StackConfig.PostgresSettings postgres = config.postgres();
    List<String> command = new ArrayList<>(List.of(
        config.javaHome().resolve("bin/java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
        // a log that explains: the monitor's own lines, not every client's per-request INFO
        "-Dorg.slf4j.simpleLogger.showDateTime=true",
        "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSX",
        "-Dorg.slf4j.simpleLogger.log.org.apache.iceberg=warn",
        "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn",
        "-Dorg.slf4j.simpleLogger.log.com.networknt=error",
        "-Dquality.catalog.rest-metrics-reporting-enabled=false",
        "-Dquality.instance-id=" + PRINCIPAL,
        "-Dquality.registry.url=" + config.catalogUrl(),
        "-Dquality.catalog.uri=" + config.icebergRestUrl(),
        "-Dquality.catalog.io-impl=org.dnsmesh.infra.iceberg.LocalFileIO",
        "-Dquality.catalog.rest.auth.type=oauth2",
        "-Dquality.catalog.oauth2-server-uri=" + config.icebergRestUrl() + "/v1/oauth/tokens",
        "-Dquality.trino.url=" + config.trinoJdbcUrl(),
        "-Dquality.store.url=" + postgres.databaseUrl(),
        "-Dquality.store.user=" + postgres.user(),
        "-Dquality.kafka.bootstrap-servers=" + config.kafkaBootstrap(),
        "-Dquality.kafka.client-config=" + new KafkaBroker(config).writeClientConfig(PRINCIPAL).toAbsolutePath(),
        "-Dquality.lineage.url=" + config.catalogUrl() + "/api/v1/lineage",
        "-Dquality.http.port=" + port));
    System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("quality.")).sorted()
        .forEach(key -> command.add("-D" + key + "=" + System.getProperty(key)));
    command.addAll(List.of("-jar", jar().toString()));
    try {
      Files.createDirectories(portFile().getParent());
      Files.writeString(portFile(), Integer.toString(port));
    } catch (IOException e) {
      throw new StackException("Cannot write " + portFile() + ": " + e.getMessage(), e);
    }
    process.start(command, config.layout().root().resolve("quality-monitor"),
        Map.of("QUALITY_STORE_PASSWORD", postgres.password(),
            // the Iceberg catalog client gets short-lived tokens with the monitor's client secret and refreshes them
            "QUALITY_CATALOG_CREDENTIAL", new ServiceCredentials(config.layout()).credential(PRINCIPAL)));
  }

  @Override
  public void awaitReady(Duration timeout) {
    StackComponent.await(this, timeout, this::isReady);
  }

  /** Ready once it has finished a monitoring cycle ({@code /health} answers 200 only then). */
  @Override
  public boolean isReady() {
    return Http.status(url() + "/health") == 200;
  }

  private Optional<Integer> recordedPort() {
    try {
      return Files.exists(portFile()) ? Optional.of(Integer.parseInt(Files.readString(portFile()).trim()))
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Integer> configuredPort() {
    String value = System.getProperty("mesh.quality-port");
    if (value == null || value.isBlank()) {
      value = System.getenv(PORT_SETTING);
    }
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed <= 0 || parsed > 65535) {
        throw new NumberFormatException();
      }
      return Optional.of(parsed);
    } catch (NumberFormatException e) {
      throw new StackException("Invalid value '" + value + "' for " + PORT_SETTING
          + " (mesh.quality-port): expected a number between 1 and 65535.");
    }
  }
}

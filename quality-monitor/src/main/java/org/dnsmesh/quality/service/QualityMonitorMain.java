package org.dnsmesh.quality.service;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dnsmesh.quality.alert.AlertManager;
import org.dnsmesh.quality.alert.AlertPublisher;
import org.dnsmesh.quality.alert.AlertTopic;
import org.dnsmesh.quality.alert.KafkaClientSettings;
import org.dnsmesh.quality.alert.KafkaAlertPublisher;
import org.dnsmesh.quality.check.CheckEngine;
import org.dnsmesh.quality.check.CompletenessCheck;
import org.dnsmesh.quality.check.CompletenessQueries;
import org.dnsmesh.quality.check.DeadLetterSource;
import org.dnsmesh.quality.check.RecordArrivalSource;
import org.dnsmesh.quality.deadletter.KafkaDeadLetterSource;
import org.dnsmesh.quality.check.FreshnessCheck;
import org.dnsmesh.quality.check.JdbcSqlRunner;
import org.dnsmesh.quality.check.QualityCheck;
import org.dnsmesh.quality.check.QualityRuleCheck;
import org.dnsmesh.quality.check.RecordDriftCheck;
import org.dnsmesh.quality.check.SchemaDriftCheck;
import org.dnsmesh.quality.check.SnapshotQuarantineSource;
import org.dnsmesh.quality.check.VolumeCheck;
import org.dnsmesh.quality.lineage.HttpLineagePublisher;
import org.dnsmesh.quality.lineage.LineagePublisher;
import org.dnsmesh.quality.lineage.QualityFacets;
import org.dnsmesh.quality.metrics.QualityMetrics;
import org.dnsmesh.quality.model.TableKey;
import org.dnsmesh.quality.store.JdbcAlertStateStore;
import org.dnsmesh.quality.store.JdbcHeartbeatStore;
import org.dnsmesh.quality.store.JdbcHistoryStore;
import org.dnsmesh.quality.store.QualityDatabase;
import org.dnsmesh.quality.registry.RegistryClient;
import org.dnsmesh.quality.registry.RegistryTargetSource;
import org.dnsmesh.quality.table.CatalogTableSource;
import org.dnsmesh.quality.table.DomainCatalogTableSource;
import org.dnsmesh.quality.table.TableSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Runnable service: {@code java -cp ... org.dnsmesh.quality.service.QualityMonitorMain [config.properties]}.
 * Wires the library from {@link MonitorConfig} and polls until stopped.
 */
public final class QualityMonitorMain {
  private QualityMonitorMain() {
  }

  public static void main(String[] args) throws Exception {
    Properties file = new Properties();
    String configPath = args.length > 0 ? args[0] : System.getenv("QUALITY_CONFIG");
    if (configPath != null) {
      try (InputStream in = Files.newInputStream(Path.of(configPath))) {
        file.load(in);
      }
    }
    MonitorConfig config = MonitorConfig.load(file, System.getenv(), System.getProperties());
    Clock clock = Clock.systemUTC();

    PGSimpleDataSource store = new PGSimpleDataSource();
    store.setURL(config.storeUrl());
    store.setUser(config.storeUser());
    if (!config.storePassword().isEmpty()) {
      store.setPassword(config.storePassword());
    }
    store.setConnectTimeout(10);
    QualityDatabase.migrate(store);

    boolean fromRegistry = config.registryUrl().isPresent();
    Map<String, String> catalogProperties = new java.util.HashMap<>(config.catalogProperties());
    // with client credentials (quality.catalog.credential) every door gets short-lived tokens, renewed here;
    // a fixed quality.auth.token is for running the monitor by hand
    Supplier<Optional<String>> bearer = bearer(config, catalogProperties, clock);
    config.token().ifPresent(token -> {
      if (!catalogProperties.containsKey("credential")) {
        catalogProperties.putIfAbsent("token", token);
      }
    });
    TableSource tables;
    TargetSource targets;
    if (fromRegistry) {
      // one warehouse per domain: tables are <domain>.<namespace>.<table>
      tables = new DomainCatalogTableSource(domain -> {
        Map<String, String> properties = new java.util.HashMap<>(catalogProperties);
        properties.put("warehouse", domain);
        return CatalogUtil.buildIcebergCatalog("quality-" + domain, properties, null);
      }, config.eventTimeLookback());
      RegistryClient registry = new RegistryClient(URI.create(config.registryUrl().get()),
          () -> bearer.get().orElse(""), Duration.ofSeconds(10));
      targets = new RegistryTargetSource(registry, config.registryRefresh(), clock);
    } else {
      Catalog catalog = CatalogUtil.buildIcebergCatalog("quality-monitor", catalogProperties, null);
      tables = new CatalogTableSource(catalog, CatalogTableSource.dottedNames(), config.eventTimeLookback());
      targets = new JsonFileTargetSource(config.targetsFile());
    }

    JdbcHistoryStore history = new JdbcHistoryStore(store);
    List<QualityCheck> checks = new ArrayList<>(List.of(new FreshnessCheck(), new VolumeCheck(history),
        new SchemaDriftCheck(),
        new RecordDriftCheck(new SnapshotQuarantineSource(tables), config.recordDriftWindow(),
            config.recordDriftThreshold())));
    Optional<Map<String, Object>> kafka = config.kafkaBootstrapServers()
        .map(servers -> KafkaClientSettings.of(servers, config.kafkaClientConfig()));
    List<AutoCloseable> closeOnShutdown = new ArrayList<>();
    if (config.trinoUrl().isPresent()) {
      Supplier<Properties> trino = () -> {
        Properties properties = new Properties();
        Optional<String> token = bearer.get();
        if (token.isPresent()) {
          // a verified identity: Trino takes the token's subject as the user
          properties.setProperty("accessToken", token.get());
        } else {
          properties.setProperty("user", config.trinoUser());
        }
        return properties;
      };
      JdbcSqlRunner sql = new JdbcSqlRunner(new UrlDataSource(config.trinoUrl().get(), trino), 120);
      Function<TableKey, String> naming = fromRegistry ? sqlNaming() : sqlNaming(config.trinoCatalog());
      // dead letters: the product's <domain>.<product>.dlq, read as the monitor's principal (service in every domain)
      DeadLetterSource deadLetters = kafka.<DeadLetterSource>map(client -> {
        KafkaDeadLetterSource source = new KafkaDeadLetterSource(client, config.instanceId() + "-dead-letters",
            Duration.ofSeconds(30));
        closeOnShutdown.add(source);
        return source;
      }).orElse((product, since, until) -> Optional.empty());
      checks.add(new CompletenessCheck(sql, naming,
          Optional.of(new RecordArrivalSource(new SnapshotQuarantineSource(tables), deadLetters))));
      checks.add(new QualityRuleCheck(sql, naming));
    }

    kafka.ifPresent(client -> AlertTopic.ensure(client, config.alertTopic(), Duration.ofSeconds(10)));
    AlertPublisher publisher = kafka
        .<AlertPublisher>map(client -> {
          Map<String, Object> producer = new java.util.HashMap<>(client);
          producer.put(ProducerConfig.ACKS_CONFIG, "all");
          producer.put(ProducerConfig.CLIENT_ID_CONFIG, config.instanceId());
          return new KafkaAlertPublisher(new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer()),
              config.alertTopic(), Duration.ofSeconds(10));
        })
        .orElseGet(LoggingAlertPublisher::new);
    Optional<LineagePublisher> lineage = config.lineageUrl()
        .map(url -> new HttpLineagePublisher(URI.create(url), Duration.ofSeconds(10), bearer));

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JdbcHeartbeatStore heartbeats = new JdbcHeartbeatStore(store);
    QualityFacets facets = fromRegistry ? QualityFacets.perDomain()
        : new QualityFacets(config.lineageNamespace(), "dnsmesh.quality");
    QualityMonitor monitor = new QualityMonitor(config.instanceId(), targets,
        tables, new CheckEngine(checks), history,
        new AlertManager(new JdbcAlertStateStore(store), publisher), new QualityMetrics(registry, clock), heartbeats,
        facets, lineage, clock);

    HttpEndpoint endpoint = config.httpPort() == 0 ? null
        : new HttpEndpoint(config.httpPort(), registry, heartbeats, config.instanceId(), config.pollInterval(), clock);
    PollLoop loop = new PollLoop(monitor, config.pollInterval(), config.driftPollInterval());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        loop.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (endpoint != null) {
        endpoint.close();
      }
      if (publisher instanceof AutoCloseable closeable) {
        closeOnShutdown.add(closeable);
      }
      for (AutoCloseable closeable : closeOnShutdown) {
        try {
          closeable.close();
        } catch (Exception e) {
          // shutting down anyway
        }
      }
    }, "quality-shutdown"));
    loop.start();
  }

  /**
   * The monitor's bearer token for the registry, lineage and Trino: with a catalog {@code credential} and an
   * {@code oauth2-server-uri}, short-lived tokens from the client-credentials grant, renewed before they expire;
   * otherwise the fixed {@code quality.auth.token}, if any.
   */
  static Supplier<Optional<String>> bearer(MonitorConfig config, Map<String, String> catalogProperties, Clock clock) {
    String credential = catalogProperties.get("credential");
    String endpoint = catalogProperties.get("oauth2-server-uri");
    if (credential == null || credential.isBlank() || endpoint == null || endpoint.isBlank()) {
      return config::token;
    }
    ClientCredentialsTokens tokens = new ClientCredentialsTokens(URI.create(endpoint), credential, clock);
    return () -> Optional.of(tokens.get());
  }

  /** {@code domain.ns.table} -> {@code "domain"."ns"."table"}: each domain is its own Trino catalog. */
  static Function<TableKey, String> sqlNaming() {
    return key -> String.join(".", Arrays.stream(key.table().split("\\.")).map(CompletenessQueries::quote).toList());
  }

  /** {@code ns.table} -> {@code "catalog"."ns"."table"}. */
  static Function<TableKey, String> sqlNaming(String trinoCatalog) {
    return key -> {
      List<String> parts = new ArrayList<>();
      parts.add(trinoCatalog);
      parts.addAll(Arrays.asList(key.table().split("\\.")));
      return String.join(".", parts.stream().map(CompletenessQueries::quote).toList());
    };
  }
}

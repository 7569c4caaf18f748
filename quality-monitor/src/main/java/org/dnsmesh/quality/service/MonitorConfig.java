package org.dnsmesh.quality.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.dnsmesh.quality.alert.KafkaAlertPublisher;
import org.dnsmesh.quality.contract.Threshold;

/**
 * Configuration of the runnable service. Every key has a default; sources in rising priority: defaults,
 * the properties file, environment variables ({@code QUALITY_POLL_INTERVAL} for {@code quality.poll-interval}),
 * system properties. Durations take ISO-8601 ({@code PT30S}) or short forms ({@code 30s}, {@code 5m}).
 *
 * @param instanceId name of this monitor instance in heartbeats ({@code quality.instance-id})
 * @param pollInterval period of full cycles, at a fixed rate ({@code quality.poll-interval}, default 30s)
 * @param driftPollInterval delay between drift-only cycles ({@code quality.drift-poll-interval}, default 2s, so
 *     drift shows within 5 s of the commit including the cycle itself;
 *     {@code 0} disables them)
 * @param targetsFile JSON file of contract views to watch ({@code quality.targets-file})
 * @param catalogProperties Iceberg catalog properties: every {@code quality.catalog.*} key without the prefix;
 *     {@code type} defaults to {@code rest}, {@code uri} to the catalog-service's {@code /iceberg}
 * @param eventTimeLookback how far back manifests are read for the newest event time
 * @param trinoUrl Trino JDBC URL for SQL checks; empty disables completeness and SQL rules
 * @param trinoUser user for Trino
 * @param trinoCatalog Trino catalog that prefixes table names in SQL ({@code "catalog"."ns"."table"})
 * @param storeUrl PostgreSQL JDBC URL of the history store
 * @param storeUser user of the history store
 * @param storePassword password of the history store (empty: none)
 * @param kafkaBootstrapServers Kafka bootstrap servers for alerts; empty logs alerts instead
 * @param kafkaClientConfig a Kafka client properties file with the monitor's credentials
 *     ({@code quality.kafka.client-config}: {@code security.protocol}, {@code sasl.*}, as {@code mesh up} writes it)
 * @param alertTopic alert topic
 * @param lineageUrl OpenLineage endpoint; empty disables lineage facets
 * @param lineageNamespace dataset namespace used in lineage events
 * @param httpPort port of the /metrics and /health endpoint; 0 disables it
 * @param registryUrl the catalog service whose registry says what to watch ({@code quality.registry.url}, e.g.
 *     {@code http://127.0.0.1:8181}); empty: the targets file
 * @param registryRefresh how often the registry is read again ({@code quality.registry.refresh}; default the poll
 *     interval)
 * @param recordDriftWindow how far back {@code record_drift} adds up accepted and quarantined records
 * @param recordDriftThreshold quarantined share (overall and per reason) that puts {@code record_drift} at risk /
 *     breaches it
 * @param token bearer token (JWT) of the monitor's own principal ({@code quality.auth.token}): sent to the registry,
 *     the Iceberg REST catalog, the lineage endpoint and Trino; empty: none
 */
public record MonitorConfig(String instanceId, Duration pollInterval, Optional<Duration> driftPollInterval,
    Path targetsFile,
    Map<String, String> catalogProperties, Duration eventTimeLookback, Optional<String> trinoUrl, String trinoUser,
    String trinoCatalog, String storeUrl, String storeUser, String storePassword,
    Optional<String> kafkaBootstrapServers, Optional<Path> kafkaClientConfig, String alertTopic, Optional<String> lineageUrl, String lineageNamespace,
    int httpPort, Optional<String> registryUrl, Duration registryRefresh, Optional<String> token,
    Duration recordDriftWindow, Threshold recordDriftThreshold) {

  public static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("quality.instance-id", "quality-monitor");
    d.put("quality.poll-interval", "30s");
    d.put("quality.drift-poll-interval", "2s");
    d.put("quality.targets-file", "quality-targets.json");
    d.put("quality.catalog.type", "rest");
    d.put("quality.catalog.uri", "http://127.0.0.1:8181/iceberg");
    d.put("quality.event-time-lookback", "48h");
    d.put("quality.trino.url", "");
    d.put("quality.trino.user", "quality-monitor");
    d.put("quality.trino.catalog", "iceberg");
    d.put("quality.store.url", "jdbc:postgresql://127.0.0.1:5432/dnsmesh");
    d.put("quality.store.user", "postgres");
    d.put("quality.store.password", "");
    d.put("quality.kafka.bootstrap-servers", "");
    d.put("quality.kafka.client-config", "");
    d.put("quality.alerts.topic", KafkaAlertPublisher.DEFAULT_TOPIC);
    d.put("quality.lineage.url", "");
    d.put("quality.lineage.namespace", "dnsmesh");
    d.put("quality.http.port", "9095");
    d.put("quality.registry.url", "");
    d.put("quality.registry.refresh", "");
    d.put("quality.auth.token", "");
    d.put("quality.record-drift.window", "1h");
    d.put("quality.record-drift.at-risk", "0.01");
    d.put("quality.record-drift.breach", "0.05");
    return java.util.Collections.unmodifiableMap(d);
  }

  /** Merges the sources described on the type. */
  public static MonitorConfig load(Properties file, Map<String, String> environment, Properties system) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    file.stringPropertyNames().forEach(k -> values.put(k, file.getProperty(k)));
    environment.forEach((name, value) -> {
      if (name.startsWith("QUALITY_")) {
        values.put(envToKey(name, values), value);
      }
    });
    system.stringPropertyNames().stream().filter(k -> k.startsWith("quality."))
        .forEach(k -> values.put(k, system.getProperty(k)));
    return from(values);
  }

  public static MonitorConfig from(Map<String, String> values) {
    Map<String, String> catalog = new LinkedHashMap<>();
    values.forEach((key, value) -> {
      if (key.startsWith("quality.catalog.")) {
        catalog.put(key.substring("quality.catalog.".length()), value);
      }
    });
    return new MonitorConfig(get(values, "quality.instance-id"),
        duration(values, "quality.poll-interval"), optionalDuration(values, "quality.drift-poll-interval"),
        Path.of(get(values, "quality.targets-file")), Map.copyOf(catalog),
        duration(values, "quality.event-time-lookback"), optional(values, "quality.trino.url"),
        get(values, "quality.trino.user"), get(values, "quality.trino.catalog"), get(values, "quality.store.url"),
        get(values, "quality.store.user"), values.getOrDefault("quality.store.password", ""),
        optional(values, "quality.kafka.bootstrap-servers"), optional(values, "quality.kafka.client-config").map(Path::of),
        get(values, "quality.alerts.topic"),
        optional(values, "quality.lineage.url"), get(values, "quality.lineage.namespace"),
        integer(values, "quality.http.port"), optional(values, "quality.registry.url"),
        optionalDuration(values, "quality.registry.refresh").orElse(duration(values, "quality.poll-interval")),
        optional(values, "quality.auth.token"), duration(values, "quality.record-drift.window"),
        new Threshold(share(values, "quality.record-drift.at-risk"), share(values, "quality.record-drift.breach")));
  }

  /** {@code QUALITY_POLL_INTERVAL} -> the known key it spells, else dots for underscores. */
  static String envToKey(String name, Map<String, String> known) {
    String normalised = name.toLowerCase(Locale.ROOT);
    for (String key : known.keySet()) {
      if (key.replace('.', '_').replace('-', '_').equals(normalised)) {
        return key;
      }
    }
    return normalised.replace('_', '.');
  }

  private static String get(Map<String, String> values, String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("configuration '" + key + "' must not be empty");
    }
    return value.trim();
  }

  private static Optional<String> optional(Map<String, String> values, String key) {
    String value = values.getOrDefault(key, "");
    return value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static Duration duration(Map<String, String> values, String key) {
    String value = get(values, key);
    try {
      return org.dnsmesh.quality.contract.FreshnessSla.parse(value).allowance();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("configuration '" + key + "': bad duration '" + value + "'", e);
    }
  }

  private static Optional<Duration> optionalDuration(Map<String, String> values, String key) {
    String value = values.getOrDefault(key, "").trim();
    if (value.isEmpty() || value.equals("0")) {
      return Optional.empty();
    }
    return Optional.of(duration(values, key));
  }

  private static double share(Map<String, String> values, String key) {
    String value = get(values, key);
    try {
      double share = Double.parseDouble(value);
      if (share < 0 || share > 1) {
        throw new IllegalArgumentException("configuration '" + key + "': a share between 0 and 1, got " + value);
      }
      return share;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("configuration '" + key + "': not a number '" + value + "'", e);
    }
  }

  private static int integer(Map<String, String> values, String key) {
    String value = get(values, key);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("configuration '" + key + "': not an integer '" + value + "'", e);
    }
  }
}

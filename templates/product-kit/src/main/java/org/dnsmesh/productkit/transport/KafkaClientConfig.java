package org.dnsmesh.productkit.transport;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How a product's Kafka clients connect: bootstrap servers and the SASL credentials of the product's principal
 * ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}), as in a standard Kafka client
 * properties file ({@code mesh up} writes one per principal under {@code .mesh/secrets/kafka/}). The mesh's broker
 * refuses clients without credentials, and its ACLs let a domain's principals use only that domain's topics.
 * Every producer and consumer of the kit builds its settings here.
 */
public record KafkaClientConfig(Map<String, String> properties) {

  public KafkaClientConfig {
    properties = Map.copyOf(Objects.requireNonNull(properties, "properties"));
    if (!properties.containsKey("bootstrap.servers")) {
      throw new IllegalArgumentException("Kafka client configuration without bootstrap.servers");
    }
  }

  /** From client settings, e.g. a test broker's {@code EphemeralKafka.clientProperties("pipeline-na")}. */
  public static KafkaClientConfig of(Map<String, ?> properties) {
    Map<String, String> values = new TreeMap<>();
    properties.forEach((key, value) -> values.put(key, String.valueOf(value)));
    return new KafkaClientConfig(values);
  }

  /** From a Kafka client properties file; {@code bootstrapServers} (when not null) overrides the file's. */
  public static KafkaClientConfig load(Path file, String bootstrapServers) {
    Properties loaded = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      loaded.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Kafka client configuration " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> values = new TreeMap<>();
    loaded.stringPropertyNames().forEach(key -> values.put(key, loaded.getProperty(key)));
    if (bootstrapServers != null) {
      values.put("bootstrap.servers", bootstrapServers);
    }
    return new KafkaClientConfig(values);
  }

  public String bootstrapServers() {
    return properties.get("bootstrap.servers");
  }

  /** A client's settings: its {@code defaults}, then this connection (servers, credentials), then {@code overrides}. */
  public Map<String, Object> settings(Map<String, Object> defaults, Map<String, Object> overrides) {
    Map<String, Object> settings = new HashMap<>(defaults);
    settings.putAll(properties);
    settings.putAll(overrides);
    return settings;
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>(properties);
    shown.computeIfPresent("sasl.jaas.config", (key, value) -> value.replaceAll("password=\"[^\"]*\"", "password=\"***\""));
    return "KafkaClientConfig" + shown;
  }
}

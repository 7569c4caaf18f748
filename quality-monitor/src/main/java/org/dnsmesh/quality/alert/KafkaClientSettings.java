package org.dnsmesh.quality.alert;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The one place that builds the monitor's Kafka client settings: the client configuration file with its
 * credentials (a standard Kafka client properties file, {@code quality.kafka.client-config}), then the bootstrap
 * servers. The mesh's broker refuses clients without SASL credentials.
 */
public final class KafkaClientSettings {
  private KafkaClientSettings() {}

  public static Map<String, Object> of(String bootstrapServers, Optional<Path> clientConfig) {
    Map<String, Object> settings = new HashMap<>();
    clientConfig.ifPresent(file -> {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the Kafka client configuration " + file
            + " (quality.kafka.client-config): " + e.getMessage(), e);
      }
      properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
    });
    settings.put("bootstrap.servers", bootstrapServers);
    return settings;
  }
}

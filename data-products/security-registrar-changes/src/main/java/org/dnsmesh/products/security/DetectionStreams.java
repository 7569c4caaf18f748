package org.dnsmesh.products.security;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.dnsmesh.productkit.transport.KafkaClientConfig;

/**
 * Streams settings of the detection topology: the principal's client settings (SASL/SCRAM from the mesh) plus
 * {@code application.id} {@value DetectionTopology#APPLICATION_ID} (so group, internal topics and transactional ids
 * stay under the {@code security.} prefix the policy's ACLs grant), {@code exactly_once_v2}, and the state folder.
 */
public final class DetectionStreams {
  private DetectionStreams() {}

  public static Properties properties(KafkaClientConfig kafka, Path stateDir, int threads) {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, DetectionTopology.APPLICATION_ID);
    defaults.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    defaults.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    defaults.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    defaults.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    defaults.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    defaults.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 10L * 1024 * 1024);
    defaults.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    defaults.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    // a crashed instance's partitions move on after 10 s instead of the default 45 s
    defaults.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
    defaults.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
    Map<String, Object> settings = kafka.settings(defaults, Map.of());
    Properties properties = new Properties();
    properties.putAll(settings);
    return properties;
  }
}

package org.dnsmesh.quality.alert;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes alert events as JSON to Kafka (topic {@code mesh.quality.alerts} by default), keyed by the check
 * key so OPENED and RESOLVED of one check stay in order on one partition. Waits for the broker's ack.
 */
public final class KafkaAlertPublisher implements AlertPublisher, AutoCloseable {
  public static final String DEFAULT_TOPIC = "mesh.quality.alerts";

  private final Producer<String, String> producer;
  private final String topic;
  private final Duration ackTimeout;

  public KafkaAlertPublisher(Producer<String, String> producer, String topic, Duration ackTimeout) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout");
  }

  @Override
  public void publish(AlertEvent event) throws Exception {
    producer.send(new ProducerRecord<>(topic, event.key().toString(), AlertJson.write(event)))
        .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}

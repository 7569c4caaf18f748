package org.dnsmesh.productkit.transport;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dnsmesh.productkit.pipeline.DeadLetter;
import org.dnsmesh.productkit.pipeline.DeadLetterSink;

/**
 * Sends invalid records to {@code <domain>.<product>.dlq}: the value is the original bytes, headers carry the
 * reason and the source position ({@code dnsmesh.reason}, {@code dnsmesh.source}). At-least-once: a crash between
 * send and the quarantine commit can repeat a letter; the quarantine table is the exact record.
 */
public final class KafkaDeadLetterPublisher implements DeadLetterSink {

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  public KafkaDeadLetterPublisher(KafkaClientConfig kafka, TopicName topic) {
    this.topic = topic.toString();
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer = new KafkaProducer<>(kafka.settings(config, Map.of()), new StringSerializer(), new ByteArraySerializer());
  }

  @Override
  public void send(DeadLetter letter) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, letter.original());
    record.headers().add("dnsmesh.reason", letter.reason().getBytes(StandardCharsets.UTF_8));
    // a source line (partition -1) is file:line; a consumed record topic/partition@offset
    String source = letter.partition() < 0 ? letter.sourceTopic() + ":" + letter.offset()
        : letter.sourceTopic() + "/" + letter.partition() + "@" + letter.offset();
    record.headers().add("dnsmesh.source", source.getBytes(StandardCharsets.UTF_8));
    producer.send(record, (metadata, exception) -> {
      if (exception != null) {
        failure.compareAndSet(null, exception);
      }
    });
  }

  @Override
  public void flush() {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("dead-letter send to " + topic + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}

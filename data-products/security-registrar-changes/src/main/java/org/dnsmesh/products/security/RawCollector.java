package org.dnsmesh.products.security;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.dnsmesh.productkit.transport.KafkaClientConfig;

/**
 * A collector: puts every record of one source (webhook bodies, zone-change log lines), exactly as received, on the
 * raw topic with its {@link SourceSystem} in the {@value SourceSystem#HEADER} header, its origin
 * ({@code <feed>:<line>}) in {@value #ORIGIN_HEADER}, and the feed's name as key: one feed stays in one partition, so
 * its order (unlock before transfer) survives into the topology. Parsing, pseudonymisation and validation happen downstream (the topology's
 * canonicalisation), so a replay of the raw topic reproduces everything. Idempotent producer, acks=all.
 */
public final class RawCollector implements AutoCloseable {
  public static final String ORIGIN_HEADER = "dnsmesh.origin";

  private final KafkaProducer<byte[], byte[]> producer;
  private long sent;
  private volatile Exception failure;

  public RawCollector(KafkaClientConfig kafka) {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put(ProducerConfig.ACKS_CONFIG, "all");
    defaults.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    defaults.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    defaults.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    this.producer = new KafkaProducer<>(kafka.settings(defaults, Map.of()), new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  /** Sends one raw record of {@code feed} received at {@code timestampMillis}. */
  public void send(SourceSystem source, String feed, String origin, byte[] raw, long timestampMillis) {
    producer.send(record(source, feed, origin, raw, timestampMillis), (metadata, error) -> {
      if (error != null && failure == null) {
        failure = error;
      }
    });
    sent++;
  }

  /** The raw topic record the collector sends (tests feed the same records to a test driver). */
  public static ProducerRecord<byte[], byte[]> record(SourceSystem source, String feed, String origin, byte[] raw,
      long timestampMillis) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(SourceSystem.HEADER, source.wireName().getBytes(StandardCharsets.UTF_8));
    headers.add(ORIGIN_HEADER, origin.getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(RegistrarChanges.RAW.toString(), null, timestampMillis,
        feed.getBytes(StandardCharsets.UTF_8), raw, headers);
  }

  /** Sends every line of a feed (origins {@code <feed>:<line>}, from 1). */
  public void sendLines(SourceSystem source, String feed, List<String> lines, long timestampMillis) {
    for (int i = 0; i < lines.size(); i++) {
      send(source, feed, feed + ":" + (i + 1), lines.get(i).getBytes(StandardCharsets.UTF_8), timestampMillis);
    }
  }

  public long sent() {
    return sent;
  }

  /** Waits for every record sent so far; throws when any was refused by the broker. */
  public void flush() {
    producer.flush();
    if (failure != null) {
      throw new IllegalStateException("the broker refused a raw record: " + failure.getMessage(), failure);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}

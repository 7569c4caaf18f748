package org.dnsmesh.quality.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.dnsmesh.quality.check.DeadLetterCounts;
import org.dnsmesh.quality.check.DeadLetterSource;
import org.dnsmesh.quality.model.ProductId;

/**
 * Counts a product's dead letters on {@code <domain>.<product>.dlq} (the product kit's {@code KafkaDeadLetterPublisher}:
 * value = original bytes, header {@value #SOURCE_HEADER} = {@code file:line} for a source line that never became an
 * event, {@code topic/partition@offset} for a consumed record the pipeline quarantined), by the records' timestamps
 * (when they were dead-lettered), to the second.
 *
 * <p>No consumer group: the monitor needs counts over a sliding window, not each record once, so committed offsets
 * would mean nothing (after a restart the window is found again with {@code offsetsForTimes}); without a group the
 * monitor also needs only READ and DESCRIBE on the topic and never joins or rebalances a group the product might
 * use. It reads incrementally: per topic it keeps its positions and per-second counts for the window, so each
 * cycle reads only the letters that arrived since the last one. {@code read_committed}: a transactional writer's
 * aborted letters are not counted.
 */
public final class KafkaDeadLetterSource implements DeadLetterSource, AutoCloseable {
  public static final String SOURCE_HEADER = "dnsmesh.source";
  public static final String TOPIC_SUFFIX = ".dlq";
  /** Kafka topic names are [a-zA-Z0-9._-]; a consumed record's position ends in /partition@offset. */
  static final Pattern CONSUMED_RECORD = Pattern.compile("[a-zA-Z0-9._-]+/\\d+@\\d+");
  /** A source line: anything (a path) followed by :line. */
  static final Pattern SOURCE_LINE = Pattern.compile(".+:\\d+");

  private final Consumer<byte[], byte[]> consumer;
  private final Duration timeout;
  private final Map<String, Tally> tallies = new HashMap<>();

  /** @param clientSettings the monitor's Kafka connection (servers, SASL credentials) */
  public KafkaDeadLetterSource(Map<String, Object> clientSettings, String clientId, Duration timeout) {
    Map<String, Object> settings = new HashMap<>(clientSettings);
    settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    // only when a position fell below the log start (retention deleted it): the oldest letter left is next
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  public static String topicOf(ProductId product) {
    return product.value() + TOPIC_SUFFIX;
  }

  /**
   * Empty when the topic does not exist. Throws when the monitor's principal may not read it (the policy's ACLs
   * decide; the check then ends in ERROR naming the topic) or when the letters cannot be read within the timeout
   * (what was read is kept: the next cycle goes on from there).
   */
  @Override
  public synchronized Optional<DeadLetterCounts> counts(ProductId product, Instant since, Instant until) {
    String topic = topicOf(product);
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
    if (partitions == null || partitions.isEmpty()) {
      tallies.remove(topic);
      return Optional.empty();
    }
    Tally tally = tallies.get(topic);
    if (tally == null || since.isBefore(tally.horizon)) {
      // first look, or a wider window than counted so far: count again from the window's start
      tally = new Tally(since);
      tallies.put(topic, tally);
    }
    List<TopicPartition> assigned = new ArrayList<>();
    partitions.forEach(p -> assigned.add(new TopicPartition(topic, p.partition())));
    catchUp(tally, assigned);
    tally.evictBefore(since);
    return Optional.of(tally.between(since, until));
  }

  private void catchUp(Tally tally, List<TopicPartition> assigned) {
    consumer.assign(assigned);
    Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, timeout); // read_committed: the stable offsets
    Map<TopicPartition, Long> timestamps = new HashMap<>();
    for (TopicPartition partition : assigned) {
      if (!tally.positions.containsKey(partition)) {
        timestamps.put(partition, tally.horizon.toEpochMilli());
      }
    }
    if (!timestamps.isEmpty()) {
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(timestamps, timeout);
      for (TopicPartition partition : timestamps.keySet()) {
        OffsetAndTimestamp first = found.get(partition);
        // no letter at or after the window's start: start at the end
        tally.positions.put(partition, first == null ? ends.get(partition) : first.offset());
      }
    }
    List<TopicPartition> behind = new ArrayList<>();
    for (TopicPartition partition : assigned) {
      long position = tally.positions.get(partition);
      if (position < ends.get(partition)) {
        consumer.seek(partition, position);
        behind.add(partition);
      }
    }
    consumer.pause(assigned);
    consumer.resume(behind);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!behind.isEmpty()) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        tally.add(record.timestamp(), classify(record));
      }
      behind.removeIf(partition -> {
        long position = consumer.position(partition, timeout);
        tally.positions.put(partition, position);
        return position >= ends.get(partition);
      });
      if (!behind.isEmpty() && System.nanoTime() > deadline) {
        long left = behind.stream().mapToLong(p -> ends.get(p) - tally.positions.get(p)).sum();
        throw new IllegalStateException("dead-letter topic " + assigned.getFirst().topic() + ": " + left
            + " letters still unread after " + timeout.toSeconds() + " s (read on next cycle)");
      }
    }
  }

  /** 0 unparsed source line, 1 copy of a quarantined record, 2 unidentified. */
  static int classify(ConsumerRecord<byte[], byte[]> record) {
    Header header = record.headers().lastHeader(SOURCE_HEADER);
    if (header == null || header.value() == null) {
      return 2;
    }
    String source = new String(header.value(), StandardCharsets.UTF_8);
    if (CONSUMED_RECORD.matcher(source).matches()) {
      return 1;
    }
    return SOURCE_LINE.matcher(source).matches() ? 0 : 2;
  }

  @Override
  public synchronized void close() {
    consumer.close(Duration.ofSeconds(5));
  }

  /** One topic's positions and letters per second of dead-lettering, from {@link #horizon} on. */
  private static final class Tally {
    final Map<TopicPartition, Long> positions = new HashMap<>();
    final TreeMap<Long, long[]> perSecond = new TreeMap<>();
    Instant horizon;

    Tally(Instant horizon) {
      this.horizon = horizon;
    }

    void add(long timestampMillis, int kind) {
      perSecond.computeIfAbsent(Math.floorDiv(timestampMillis, 1000L), s -> new long[3])[kind]++;
    }

    void evictBefore(Instant since) {
      perSecond.headMap(since.getEpochSecond()).clear();
      horizon = since;
    }

    DeadLetterCounts between(Instant since, Instant until) {
      long[] sum = new long[3];
      for (long[] counts : perSecond.subMap(since.getEpochSecond(), true, until.getEpochSecond(), true).values()) {
        for (int i = 0; i < 3; i++) {
          sum[i] += counts[i];
        }
      }
      return new DeadLetterCounts(sum[0], sum[1], sum[2]);
    }
  }
}

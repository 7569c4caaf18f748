package org.dnsmesh.productkit.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.dnsmesh.productkit.pipeline.InputRecord;
import org.dnsmesh.productkit.pipeline.RecordSource;

/**
 * Reads one topic with manually assigned partitions and no offset commits to Kafka: positions come from the
 * Iceberg table ({@link #open}), which is what makes restarts exactly-once. Reads only committed records.
 *
 * <p>Topics written in Kafka transactions (exactly-once producers such as Kafka Streams) hold a commit marker after
 * each transaction, and aborted records: both take offsets but are never delivered, so the log's end offset stays past
 * the last record delivered. {@link #endOffsets} therefore counts a partition whose consumer position has reached the
 * end (markers included) as read up to its last delivered record, and a run "until caught up" ends.
 */
public final class KafkaRecordSource implements RecordSource {

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private List<TopicPartition> partitions = List.of();
  /** Per partition, the offset after the last record delivered (or where it was opened): where the pipeline stands. */
  private final Map<Integer, Long> delivered = new HashMap<>();

  public KafkaRecordSource(KafkaClientConfig kafka, TopicName topic, Map<String, Object> overrides) {
    this.topic = Objects.requireNonNull(topic, "topic").toString();
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    // fewer, fuller fetches while the pipeline keeps up with the producers; at most 100 ms added latency
    config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    this.consumer = new KafkaConsumer<>(kafka.settings(config, overrides), new StringDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public void open(Map<Integer, Long> nextOffsets) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic '" + topic + "' does not exist or has no partitions");
    }
    partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(partitions);
    List<TopicPartition> fromStart = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      Long next = nextOffsets.get(partition.partition());
      if (next == null) {
        fromStart.add(partition);
      } else {
        consumer.seek(partition, next);
        delivered.put(partition.partition(), next);
      }
    }
    if (!fromStart.isEmpty()) {
      // an empty list would mean "all assigned partitions" to Kafka
      consumer.seekToBeginning(fromStart);
    }
  }

  @Override
  public List<InputRecord> poll(Duration timeout) {
    List<InputRecord> records = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
      delivered.put(r.partition(), r.offset() + 1);
      Header reject = r.headers().lastHeader(KafkaEventPublisher.REJECT_HEADER);
      records.add(new InputRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value() == null ? new byte[0] : r.value(),
          reject == null ? null : new String(reject.value(), StandardCharsets.UTF_8)));
    }
    return records;
  }

  @Override
  public Map<Integer, Long> endOffsets() {
    Map<Integer, Long> ends = new HashMap<>();
    consumer.endOffsets(partitions, Duration.ofSeconds(10)).forEach((tp, end) -> {
      // the position passes markers and aborted records, the delivered records do not: read to the end, the
      // partition is done at its last delivered record (from the beginning with none delivered: offset 0, as the
      // pipeline counts a partition it has no record of)
      boolean readToEnd = consumer.position(tp, Duration.ofSeconds(10)) >= end;
      ends.put(tp.partition(), readToEnd ? delivered.getOrDefault(tp.partition(), 0L) : end);
    });
    return ends;
  }

  @Override
  public void close() {
    consumer.close();
  }
}

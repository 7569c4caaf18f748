package org.dnsmesh.products.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.dnsmesh.productkit.pipeline.InputRecord;
import org.dnsmesh.productkit.pipeline.RecordSource;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.productkit.transport.TopicName;

/**
 * A topic the detection topology writes (JSON, in Kafka transactions) as the kit's pipeline reads a product topic:
 * each value transcoded to the table's Avro single-object bytes, positioned from the table's offsets, committed
 * records only ({@code read_committed}). A value the transcoder refuses becomes a rejected record with its reason,
 * which the pipeline quarantines (nothing is dropped).
 *
 * <p>Why not the kit's {@code KafkaRecordSource}: exactly-once producers leave a commit marker after each
 * transaction, which takes an offset but is never delivered, so the end offset stays one past the last record the
 * pipeline saw and a run "until caught up" would never end. Here a partition whose consumer position has reached the
 * end counts as read up to the last record delivered.
 */
final class TranscodingTopicSource implements RecordSource {

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final UnaryOperator<byte[]> transcoder;
  private List<TopicPartition> partitions = List.of();
  /** Per partition, the offset after the last record delivered (or where it was opened): what the pipeline counts. */
  private final Map<Integer, Long> delivered = new HashMap<>();

  /** @param maxPollRecords records per poll at most (the pipeline commits a batch after the poll that fills it) */
  TranscodingTopicSource(KafkaClientConfig kafka, TopicName topic, int maxPollRecords, UnaryOperator<byte[]> transcoder) {
    this.topic = Objects.requireNonNull(topic, "topic").toString();
    this.transcoder = Objects.requireNonNull(transcoder, "transcoder");
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    this.consumer = new KafkaConsumer<>(kafka.settings(config, Map.of()), new StringDeserializer(),
        new ByteArrayDeserializer());
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
      consumer.seekToBeginning(fromStart);
    }
  }

  @Override
  public List<InputRecord> poll(Duration timeout) {
    List<InputRecord> records = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
      delivered.put(r.partition(), r.offset() + 1);
      if (r.value() == null) { // a tombstone: compaction's delete, no state to write
        records.add(new InputRecord(r.topic(), r.partition(), r.offset(), r.key(), new byte[0],
            "tombstone (null value) at " + r.topic() + "/" + r.partition() + "@" + r.offset()));
        continue;
      }
      try {
        records.add(new InputRecord(r.topic(), r.partition(), r.offset(), r.key(), transcoder.apply(r.value())));
      } catch (IllegalArgumentException e) {
        records.add(new InputRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value(),
            r.topic() + "/" + r.partition() + "@" + r.offset() + ": " + e.getMessage()));
      }
    }
    return records;
  }

  @Override
  public Map<Integer, Long> endOffsets() {
    Map<Integer, Long> ends = new HashMap<>();
    consumer.endOffsets(partitions, Duration.ofSeconds(10)).forEach((tp, end) -> {
      // read to the end (markers included): the partition is done at the last record delivered
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

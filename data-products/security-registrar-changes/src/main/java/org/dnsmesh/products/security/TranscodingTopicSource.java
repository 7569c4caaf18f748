package org.dnsmesh.products.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.dnsmesh.productkit.pipeline.InputRecord;
import org.dnsmesh.productkit.pipeline.RecordSource;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.productkit.transport.KafkaRecordSource;
import org.dnsmesh.productkit.transport.TopicName;

/**
 * A topic the detection topology writes (JSON, in Kafka transactions) as the kit's pipeline reads a product topic: the
 * kit's {@link KafkaRecordSource} (positioned from the table's offsets, committed records only, read to the end past
 * the transactions' commit markers), each value transcoded to the table's Avro single-object bytes. A value the
 * transcoder refuses becomes a rejected record with its reason, which the pipeline quarantines (nothing is dropped).
 */
final class TranscodingTopicSource implements RecordSource {

  private final KafkaRecordSource source;
  private final UnaryOperator<byte[]> transcoder;

  /** @param maxPollRecords records per poll at most (the pipeline commits a batch after the poll that fills it) */
  TranscodingTopicSource(KafkaClientConfig kafka, TopicName topic, int maxPollRecords, UnaryOperator<byte[]> transcoder) {
    this.transcoder = Objects.requireNonNull(transcoder, "transcoder");
    this.source = new KafkaRecordSource(kafka, topic, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords));
  }

  @Override
  public String topic() {
    return source.topic();
  }

  @Override
  public void open(Map<Integer, Long> nextOffsets) {
    source.open(nextOffsets);
  }

  @Override
  public List<InputRecord> poll(Duration timeout) {
    List<InputRecord> records = new ArrayList<>();
    for (InputRecord r : source.poll(timeout)) {
      if (r.rejected() != null) {
        records.add(r);
      } else if (r.value().length == 0) { // a tombstone (compaction's delete; the kit reads it as no bytes): no state
        records.add(new InputRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value(),
            "tombstone (no value) at " + r));
      } else {
        try {
          records.add(new InputRecord(r.topic(), r.partition(), r.offset(), r.key(), transcoder.apply(r.value())));
        } catch (IllegalArgumentException e) {
          records.add(new InputRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value(), r + ": " + e.getMessage()));
        }
      }
    }
    return records;
  }

  @Override
  public Map<Integer, Long> endOffsets() {
    return source.endOffsets();
  }

  @Override
  public void close() {
    source.close();
  }
}

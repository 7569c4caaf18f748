package org.dnsmesh.productkit.pipeline;

import java.util.Objects;

/**
 * One record as consumed: where it sits in the log (topic, partition, offset), its key and its original bytes.
 * {@code rejected} is set (the producer's reason) when the record is a source record the producer could not encode
 * as an event: its value is then the source bytes, and the pipeline quarantines it as it is.
 */
public record InputRecord(String topic, int partition, long offset, String key, byte[] value, String rejected) {

  public InputRecord {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(value, "value");
  }

  public InputRecord(String topic, int partition, long offset, String key, byte[] value) {
    this(topic, partition, offset, key, value, null);
  }

  @Override
  public String toString() {
    return topic + "/" + partition + "@" + offset;
  }
}

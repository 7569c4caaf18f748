package org.dnsmesh.productkit.pipeline;

import java.util.Objects;

/** One record as consumed: where it sits in the log (topic, partition, offset), its key and its original bytes. */
public record InputRecord(String topic, int partition, long offset, String key, byte[] value) {

  public InputRecord {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return topic + "/" + partition + "@" + offset;
  }
}

package org.dnsmesh.productkit.pipeline;

import java.util.Objects;

/** A record that failed decoding or validation: its origin, the reason, and its original bytes, unchanged. */
public record DeadLetter(String sourceTopic, int partition, long offset, String reason, byte[] original) {

  public DeadLetter {
    Objects.requireNonNull(sourceTopic, "sourceTopic");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(original, "original");
  }
}

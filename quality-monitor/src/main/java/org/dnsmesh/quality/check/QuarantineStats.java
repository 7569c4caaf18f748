package org.dnsmesh.quality.check;

import java.util.Map;
import java.util.Objects;

/** Records accepted and records quarantined (dead-lettered) per reason over the monitored window. */
public record QuarantineStats(long acceptedRecords, Map<String, Long> quarantinedByReason) {
  public QuarantineStats {
    if (acceptedRecords < 0) {
      throw new IllegalArgumentException("acceptedRecords must not be negative: " + acceptedRecords);
    }
    quarantinedByReason = Map.copyOf(Objects.requireNonNull(quarantinedByReason, "quarantinedByReason"));
  }

  public long quarantined() {
    return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  public long total() {
    return acceptedRecords + quarantined();
  }
}

package org.dnsmesh.productkit.normalize;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Drops copies of the same DNS transaction seen within a short window (a capture that sees each packet twice, as
 * in the WRCCDC log, where copies are ~1 µs apart). Copies further apart (retransmissions) are kept as their own
 * events. Keeps one entry per recent transaction key and forgets keys a minute behind the newest event, so memory
 * stays bounded on endless streams. Not thread-safe: one filter per ingest thread.
 */
public final class CaptureDuplicateFilter {

  private static final long FORGET_AFTER_MICROS = 60_000_000L;
  private static final int SWEEP_EVERY = 10_000;

  private final long windowMicros;
  private final Map<String, Long> lastSeen = new HashMap<>();
  private long newestMicros = Long.MIN_VALUE;
  private long sinceSweep;
  private long duplicates;

  public CaptureDuplicateFilter(Duration window) {
    this.windowMicros = window.toNanos() / 1_000;
  }

  /** The default: 1 ms. */
  public static CaptureDuplicateFilter oneMillisecond() {
    return new CaptureDuplicateFilter(Duration.ofMillis(1));
  }

  /** True when this event is a copy of one accepted (or dropped) within the window before or after it. */
  public boolean isDuplicate(String transactionKey, Instant timestamp) {
    long micros = timestamp.getEpochSecond() * 1_000_000L + timestamp.getNano() / 1_000;
    newestMicros = Math.max(newestMicros, micros);
    Long previous = lastSeen.put(transactionKey, micros);
    if (++sinceSweep >= SWEEP_EVERY) {
      sweep();
    }
    boolean duplicate = previous != null && Math.abs(micros - previous) <= windowMicros;
    if (duplicate) {
      duplicates++;
    }
    return duplicate;
  }

  public long duplicates() {
    return duplicates;
  }

  private void sweep() {
    sinceSweep = 0;
    long horizon = newestMicros - FORGET_AFTER_MICROS;
    for (Iterator<Long> it = lastSeen.values().iterator(); it.hasNext(); ) {
      if (it.next() < horizon) {
        it.remove();
      }
    }
  }
}

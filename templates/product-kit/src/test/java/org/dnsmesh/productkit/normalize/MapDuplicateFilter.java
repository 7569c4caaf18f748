package org.dnsmesh.productkit.normalize;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** The filter as it was with a HashMap of String keys: the reference the flat-array filter must agree with. */
final class MapDuplicateFilter {

  private static final long FORGET_AFTER_MICROS = 60_000_000L;
  private static final int SWEEP_EVERY = 10_000;

  private final long windowMicros;
  private final Map<String, Long> lastSeen = new HashMap<>();
  private long newestMicros = Long.MIN_VALUE;
  private long sinceSweep;
  private long sweepAfter = SWEEP_EVERY;
  private long duplicates;

  MapDuplicateFilter(Duration window) {
    this.windowMicros = window.toNanos() / 1_000;
  }

  /** The default: 1 ms. */
  static MapDuplicateFilter oneMillisecond() {
    return new MapDuplicateFilter(Duration.ofMillis(1));
  }

  /** True when this event is a copy of one accepted (or dropped) within the window before or after it. */
  public boolean isDuplicate(String transactionKey, Instant timestamp) {
    long micros = timestamp.getEpochSecond() * 1_000_000L + timestamp.getNano() / 1_000;
    newestMicros = Math.max(newestMicros, micros);
    Long previous = lastSeen.put(transactionKey, micros);
    // a sweep walks every entry, so the next one comes after as many inserts as the last one kept (at least
    // SWEEP_EVERY): a minute of a busy resolver is millions of keys, and a walk per 10,000 events would cost
    // hundreds of steps per event
    if (++sinceSweep >= sweepAfter) {
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

  /** Transaction keys remembered right now (for tests: memory stays bounded). */
  int tracked() {
    return lastSeen.size();
  }

  private void sweep() {
    sinceSweep = 0;
    long horizon = newestMicros - FORGET_AFTER_MICROS;
    for (Iterator<Long> it = lastSeen.values().iterator(); it.hasNext(); ) {
      if (it.next() < horizon) {
        it.remove();
      }
    }
    sweepAfter = Math.max(SWEEP_EVERY, lastSeen.size());
  }
}

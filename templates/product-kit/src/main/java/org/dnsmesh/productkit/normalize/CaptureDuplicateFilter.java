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
 * stays bounded on endless streams (at most about twice a minute's keys, swept in amortised constant time).
 * Transaction keys from {@link EventIds} (32 hex digits) are kept as their 128 bits in flat arrays
 * ({@link RecentKeyTimes}); any other key in a map. Not thread-safe: one filter per ingest thread.
 */
public final class CaptureDuplicateFilter {

  private static final long FORGET_AFTER_MICROS = 60_000_000L;
  private static final int SWEEP_EVERY = 10_000;

  private final long windowMicros;
  private final RecentKeyTimes hexKeys = new RecentKeyTimes();
  private final Map<String, Long> otherKeys = new HashMap<>();
  private long newestMicros = Long.MIN_VALUE;
  private long sinceSweep;
  private long sweepAfter = SWEEP_EVERY;
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
    long previous;
    if (isHex128(transactionKey)) {
      previous = hexKeys.put(Long.parseUnsignedLong(transactionKey, 0, 16, 16),
          Long.parseUnsignedLong(transactionKey, 16, 32, 16), micros);
    } else {
      Long seen = otherKeys.put(transactionKey, micros);
      previous = seen == null ? RecentKeyTimes.NONE : seen;
    }
    // a sweep walks every entry, so the next one comes after as many inserts as the last one kept (at least
    // SWEEP_EVERY): a minute of a busy resolver is millions of keys, and a walk per 10,000 events would cost
    // hundreds of steps per event
    if (++sinceSweep >= sweepAfter) {
      sweep();
    }
    boolean duplicate = previous != RecentKeyTimes.NONE && Math.abs(micros - previous) <= windowMicros;
    if (duplicate) {
      duplicates++;
    }
    return duplicate;
  }

  private static boolean isHex128(String key) {
    if (key.length() != 32) {
      return false;
    }
    for (int i = 0; i < 32; i++) {
      char c = key.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  public long duplicates() {
    return duplicates;
  }

  /** Transaction keys remembered right now (for tests: memory stays bounded). */
  int tracked() {
    return hexKeys.size() + otherKeys.size();
  }

  private void sweep() {
    sinceSweep = 0;
    long horizon = newestMicros - FORGET_AFTER_MICROS;
    hexKeys.forgetBefore(horizon);
    for (Iterator<Long> it = otherKeys.values().iterator(); it.hasNext(); ) {
      if (it.next() < horizon) {
        it.remove();
      }
    }
    sweepAfter = Math.max(SWEEP_EVERY, tracked());
  }
}

package org.dnsmesh.products.pdns;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the rrset history: a resource record (owner, type, data) with when it was first and last seen, in how
 * many transactions, and its TTL range. {@link #merge} is commutative and associative (min, max, sum, min, max), so
 * the history does not depend on the order in which events arrive or batches are merged.
 */
public record Rrset(String rrname, String rrtype, String rdata, Instant firstSeen, Instant lastSeen, long count,
    Long minTtl, Long maxTtl) {

  /** The history's key. */
  public record Key(String rrname, String rrtype, String rdata) {
    public Key {
      Objects.requireNonNull(rrname, "rrname");
      Objects.requireNonNull(rrtype, "rrtype");
      Objects.requireNonNull(rdata, "rdata");
    }
  }

  public Rrset {
    Objects.requireNonNull(rrname, "rrname");
    Objects.requireNonNull(rrtype, "rrtype");
    Objects.requireNonNull(rdata, "rdata");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
  }

  /** One transaction that carried the record at {@code ts} with {@code ttl} (null: not logged). */
  public static Rrset seen(String rrname, String rrtype, String rdata, Instant ts, Long ttl) {
    return new Rrset(rrname, rrtype, rdata, ts, ts, 1, ttl, ttl);
  }

  public Key key() {
    return new Key(rrname, rrtype, rdata);
  }

  /** This record's history combined with {@code other}'s (same key). */
  public Rrset merge(Rrset other) {
    if (!key().equals(other.key())) {
      throw new IllegalArgumentException("cannot merge " + key() + " with " + other.key());
    }
    return new Rrset(rrname, rrtype, rdata, min(firstSeen, other.firstSeen), max(lastSeen, other.lastSeen),
        Math.addExact(count, other.count), minOf(minTtl, other.minTtl), maxOf(maxTtl, other.maxTtl));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Long minOf(Long a, Long b) {
    return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
  }

  private static Long maxOf(Long a, Long b) {
    return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
  }
}

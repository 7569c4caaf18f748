package org.dnsmesh.governance.decision;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.TableRef;

/**
 * A short, bounded decision cache in front of any decision point (mostly for OPA round trips). Entries
 * expire after the TTL; the least recently used go first when full. Failed-closed answers are not cached,
 * so a recovered OPA is asked again at once. Call {@link #invalidateAll()} when the policy changes.
 */
public final class CachingPolicyDecisionPoint implements PolicyDecisionPoint {
  private final PolicyDecisionPoint delegate;
  private final long ttlNanos;
  private final LongSupplier nanoClock;
  private final Map<Object, CachedValue> entries;

  public CachingPolicyDecisionPoint(PolicyDecisionPoint delegate, Duration ttl, int maxEntries, LongSupplier nanoClock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.ttlNanos = Objects.requireNonNull(ttl, "ttl").toNanos();
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    if (maxEntries < 1) {
      throw new IllegalArgumentException("cache max entries must be >= 1, was " + maxEntries);
    }
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Object, CachedValue> eldest) {
        return size() > maxEntries;
      }
    };
  }

  public CachingPolicyDecisionPoint(PolicyDecisionPoint delegate, Duration ttl, int maxEntries) {
    this(delegate, ttl, maxEntries, System::nanoTime);
  }

  @Override
  public Decision authorize(PrincipalName principal, Operation operation, ResourceRef resource) {
    return cached(new AuthorizeKey(principal, operation, resource), () -> delegate.authorize(principal, operation, resource),
        Decision::effect);
  }

  @Override
  public TableAccess tableAccess(PrincipalName principal, TableRef table) {
    return cached(new TableKey(principal, table), () -> delegate.tableAccess(principal, table), a -> a.decision().effect());
  }

  public synchronized void invalidateAll() {
    entries.clear();
  }

  public synchronized int size() {
    return entries.size();
  }

  private <T> T cached(Object key, Supplier<T> compute, java.util.function.Function<T, Decision.Effect> effect) {
    long now = nanoClock.getAsLong();
    synchronized (this) {
      CachedValue entry = entries.get(key);
      if (entry != null && now - entry.storedAt() < ttlNanos) {
        @SuppressWarnings("unchecked")
        T value = (T) entry.value();
        return value;
      }
    }
    T value = compute.get(); // outside the lock: an OPA round trip must not serialise all callers
    if (effect.apply(value) != Decision.Effect.FAILED_CLOSED) {
      synchronized (this) {
        entries.put(key, new CachedValue(value, now));
      }
    }
    return value;
  }

  private record CachedValue(Object value, long storedAt) {}

  private record AuthorizeKey(PrincipalName principal, Operation operation, ResourceRef resource) {}

  private record TableKey(PrincipalName principal, TableRef table) {}
}

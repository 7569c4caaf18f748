package org.dnsmesh.productkit.cache;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A memo of recent results for Zipf-distributed keys (query names, client addresses, pattern inputs): a map bounded
 * by emptying it when it reaches its limit (cheap, and the hot keys come back at once), with a {@link FrontCache} of
 * the hottest keys in front of it, whose lookups stay in the core's cache where the big map's are memory misses.
 * Values are never null. Thread-safe.
 */
public final class BoundedCache<K, V> {

  /** Slots of the front cache: a few thousand hot keys answer most lookups of a Zipf law. */
  private static final int HOT_SLOTS = 4096;

  private final int limit;
  private final Map<K, V> recent = new ConcurrentHashMap<>();
  private final FrontCache<K, V> hot = new FrontCache<>(HOT_SLOTS);

  public BoundedCache(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    this.limit = limit;
  }

  /** The value remembered for {@code key}, or {@code null}. */
  public V get(K key) {
    V value = hot.get(key);
    if (value == null) {
      value = recent.get(key);
      if (value != null) {
        hot.put(key, value);
      }
    }
    return value;
  }

  /** Remembers {@code value} for {@code key} (emptying the map first when it is full). */
  public void put(K key, V value) {
    if (recent.size() >= limit) {
      recent.clear();
    }
    recent.put(key, Objects.requireNonNull(value, "value"));
    hot.put(key, value);
  }

  /** The value remembered for {@code key}, else {@code compute}'s (remembered; an exception remembers nothing). */
  public V get(K key, Function<? super K, ? extends V> compute) {
    V value = get(key);
    if (value == null) {
      value = compute.apply(key);
      put(key, value);
    }
    return value;
  }
}

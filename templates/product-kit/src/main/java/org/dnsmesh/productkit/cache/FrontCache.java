package org.dnsmesh.productkit.cache;

import java.util.Objects;

/**
 * A small direct-mapped cache in front of a bigger map, for keys that follow a Zipf law (query names, client
 * addresses). The big map of a busy pipeline (tens of thousands of names) does not fit in the core's cache, so every
 * lookup there is a few memory misses; the few thousand hottest keys here stay cache-resident and answer most
 * lookups. One slot per hash, the newest entry wins; a miss says nothing (ask the big map, then {@link #put}).
 * Thread-safe without locks: slots hold immutable entries, so a racing reader sees an old entry, a new one or none,
 * never a torn one.
 */
public final class FrontCache<K, V> {

  private record Entry<K, V>(K key, V value) {}

  private final Entry<K, V>[] slots;
  private final int mask;

  @SuppressWarnings("unchecked")
  public FrontCache(int slots) {
    if (slots < 1 || Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two, was " + slots);
    }
    this.slots = new Entry[slots];
    this.mask = slots - 1;
  }

  /** The value cached for {@code key}, or {@code null} when it is not (or no longer) here. */
  public V get(K key) {
    Entry<K, V> entry = slots[index(key)];
    return entry != null && (entry.key() == key || entry.key().equals(key)) ? entry.value() : null;
  }

  /** Caches {@code value} for {@code key}, replacing whatever shared its slot. */
  public void put(K key, V value) {
    slots[index(key)] = new Entry<>(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
  }

  private int index(Object key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & mask;
  }
}

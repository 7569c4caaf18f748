package org.dnsmesh.productkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrontCacheTest {

  @Test
  void answersWhatWasPutByEqualKeys() {
    FrontCache<String, Integer> cache = new FrontCache<>(64);
    cache.put("example.com", 1);
    assertThat(cache.get("example.com")).isEqualTo(1);
    assertThat(cache.get(new String("example.com"))).as("equal, not the same instance").isEqualTo(1);
    assertThat(cache.get("example.org")).isNull();
  }

  @Test
  void aKeyInTheSameSlotReplacesTheOldOne() {
    FrontCache<Integer, String> cache = new FrontCache<>(1);
    cache.put(1, "one");
    cache.put(2, "two");
    assertThat(cache.get(2)).isEqualTo("two");
    assertThat(cache.get(1)).as("evicted, so the caller asks the big map").isNull();
  }

  @Test
  void slotsArePowersOfTwo() {
    assertThatThrownBy(() -> new FrontCache<>(100)).hasMessageContaining("power of two");
  }
}

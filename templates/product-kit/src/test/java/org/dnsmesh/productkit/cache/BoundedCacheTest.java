package org.dnsmesh.productkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

  @Test
  void computesOnceAndRemembers() {
    BoundedCache<String, Integer> cache = new BoundedCache<>(10);
    AtomicInteger computed = new AtomicInteger();
    assertThat(cache.get("a.com", k -> computed.incrementAndGet())).isEqualTo(1);
    assertThat(cache.get(new String("a.com"), k -> computed.incrementAndGet())).isEqualTo(1);
    assertThat(computed).hasValue(1);
    assertThat(cache.get("b.com")).isNull();
  }

  @Test
  void aFailedComputationRemembersNothing() {
    BoundedCache<String, Integer> cache = new BoundedCache<>(10);
    assertThatThrownBy(() -> cache.get("bad", k -> {
      throw new IllegalArgumentException("no");
    })).hasMessage("no");
    assertThat(cache.get("bad")).isNull();
  }

  @Test
  void answersStayRightPastTheLimit() {
    BoundedCache<Integer, Integer> cache = new BoundedCache<>(100);
    for (int i = 0; i < 10_000; i++) {
      assertThat(cache.get(i % 300, k -> k * 2)).isEqualTo((i % 300) * 2);
    }
  }
}

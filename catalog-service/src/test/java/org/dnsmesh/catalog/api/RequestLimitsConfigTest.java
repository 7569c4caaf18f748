package org.dnsmesh.catalog.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every {@code mesh.limits.*} key: its default and its mapping. */
class RequestLimitsConfigTest {

  private static RequestLimitsConfig config(Map<String, String> properties) {
    SmallRyeConfig config = new SmallRyeConfigBuilder()
        .withMapping(RequestLimitsConfig.class)
        .withSources(new MapBackedConfigSource("test", properties) {})
        .build();
    return config.getConfigMapping(RequestLimitsConfig.class);
  }

  @Test
  void defaults() {
    RequestLimitsConfig limits = config(Map.of());
    assertThat(limits.maxBodyBytes()).isEqualTo(4L * 1024 * 1024);
    assertThat(limits.maxUriLength()).isEqualTo(8192);
    assertThat(limits.maxTableChanges()).isEqualTo(100);
    assertThat(limits.maxUpdatesPerCommit()).isEqualTo(1000);
    assertThat(limits.maxProperties()).isEqualTo(1000);
  }

  @Test
  void everyKeyIsMapped() {
    RequestLimitsConfig limits = config(Map.of(
        "mesh.limits.max-body-bytes", "10",
        "mesh.limits.max-uri-length", "11",
        "mesh.limits.max-table-changes", "12",
        "mesh.limits.max-updates-per-commit", "13",
        "mesh.limits.max-properties", "14"));
    assertThat(limits.maxBodyBytes()).isEqualTo(10);
    assertThat(limits.maxUriLength()).isEqualTo(11);
    assertThat(limits.maxTableChanges()).isEqualTo(12);
    assertThat(limits.maxUpdatesPerCommit()).isEqualTo(13);
    assertThat(limits.maxProperties()).isEqualTo(14);
  }
}

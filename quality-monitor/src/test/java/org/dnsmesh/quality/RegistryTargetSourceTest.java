package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dnsmesh.quality.registry.RegistryTargetSource;
import org.junit.jupiter.api.Test;

class RegistryTargetSourceTest {
  @Test
  void theNewestPublishedVersionBySemanticVersionOrder() {
    assertThat(RegistryTargetSource.latest(List.of("1.2.0", "1.10.0", "1.9.3", "2.0.0-rc.1"))).contains("2.0.0-rc.1");
    assertThat(RegistryTargetSource.latest(List.of("1.2.0", "1.10.0", "1.9.3"))).contains("1.10.0");
    assertThat(RegistryTargetSource.latest(List.of("2.0.0-rc.1", "2.0.0"))).contains("2.0.0");
    assertThat(RegistryTargetSource.latest(List.of("not-a-version"))).isEmpty();
  }
}

package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.dnsmesh.quality.service.MonitorConfig;
import org.junit.jupiter.api.Test;

class MonitorConfigTest {
  @Test
  void everyDefault() {
    MonitorConfig config = MonitorConfig.load(new Properties(), Map.of(), new Properties());
    assertThat(config).isEqualTo(new MonitorConfig("quality-monitor", Duration.ofSeconds(30),
        Optional.of(Duration.ofSeconds(2)), Path.of("quality-targets.json"), Map.of("type", "rest", "uri", "http://127.0.0.1:8181/iceberg"),
        Duration.ofHours(48), Optional.empty(), "quality-monitor", "iceberg", "jdbc:postgresql://127.0.0.1:5432/dnsmesh",
        "postgres", "", Optional.empty(), Optional.empty(), "mesh.quality.alerts", Optional.empty(), "dnsmesh", 9095, Optional.empty(),
        Duration.ofSeconds(30), Optional.empty(), Duration.ofHours(1),
        new org.dnsmesh.quality.contract.Threshold(0.01, 0.05)));
  }

  @Test
  void fileThenEnvironmentThenSystemProperties() {
    Properties file = new Properties();
    file.setProperty("quality.poll-interval", "PT10S");
    file.setProperty("quality.drift-poll-interval", "0");
    file.setProperty("quality.trino.url", "jdbc:trino://127.0.0.1:8081");
    file.setProperty("quality.catalog.warehouse", "dns");
    file.setProperty("quality.kafka.bootstrap-servers", "file:9092");
    Properties system = new Properties();
    system.setProperty("quality.kafka.bootstrap-servers", "system:9092");
    system.setProperty("unrelated", "x");

    MonitorConfig config = MonitorConfig.load(file,
        Map.of("QUALITY_POLL_INTERVAL", "5s", "QUALITY_LINEAGE_URL", "http://127.0.0.1:8080/api/v1/lineage",
            "PATH", "/bin"), system);

    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.driftPollInterval()).isEmpty();
    assertThat(config.trinoUrl()).contains("jdbc:trino://127.0.0.1:8081");
    assertThat(config.catalogProperties()).containsEntry("warehouse", "dns");
    assertThat(config.kafkaBootstrapServers()).contains("system:9092");
    assertThat(config.lineageUrl()).contains("http://127.0.0.1:8080/api/v1/lineage");
    assertThat(config.registryRefresh()).as("defaults to the poll interval").isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void registryTargetsWithTheMonitorsToken() {
    MonitorConfig config = MonitorConfig.load(new Properties(), Map.of("QUALITY_REGISTRY_URL", "http://127.0.0.1:8181",
        "QUALITY_AUTH_TOKEN", "eyJ.x.y", "QUALITY_REGISTRY_REFRESH", "2s"), new Properties());
    assertThat(config.registryUrl()).contains("http://127.0.0.1:8181");
    assertThat(config.registryRefresh()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.token()).contains("eyJ.x.y");
  }

  @Test
  void badValuesNameTheKey() {
    Properties file = new Properties();
    file.setProperty("quality.poll-interval", "often");
    assertThatThrownBy(() -> MonitorConfig.load(file, Map.of(), new Properties()))
        .hasMessageContaining("quality.poll-interval").hasMessageContaining("often");
  }
}

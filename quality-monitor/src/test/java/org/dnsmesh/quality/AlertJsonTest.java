package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dnsmesh.quality.alert.AlertEvent;
import org.dnsmesh.quality.alert.AlertJson;
import org.dnsmesh.quality.alert.KafkaAlertPublisher;
import org.dnsmesh.quality.model.CheckKey;
import org.dnsmesh.quality.model.CheckStatus;
import org.junit.jupiter.api.Test;

class AlertJsonTest {
  final AlertEvent event = new AlertEvent("a-1", AlertEvent.Type.OPENED, CheckKey.of("dns.p", "dns.queries", "freshness"),
      CheckStatus.BREACHED, "stale", List.of("newest commit too old"), Instant.parse("2026-11-20T10:00:00Z"),
      Instant.parse("2026-11-20T10:00:00Z"));

  @Test
  void roundTripsThroughTheDocumentedShape() {
    String json = AlertJson.write(event);
    assertThat(json).isEqualTo("{\"alertId\":\"a-1\",\"type\":\"OPENED\",\"product\":\"dns.p\",\"table\":\"dns.queries\","
        + "\"check\":\"freshness\",\"status\":\"BREACHED\",\"summary\":\"stale\",\"findings\":[\"newest commit too old\"],"
        + "\"openedAt\":\"2026-11-20T10:00:00Z\",\"at\":\"2026-11-20T10:00:00Z\"}");
    assertThat(AlertJson.read(json)).isEqualTo(event);
  }

  @Test
  void incompleteJsonNamesTheMissingField() {
    assertThatThrownBy(() -> AlertJson.read("{\"alertId\":\"x\"}")).hasMessageContaining("'type'");
  }

  /** kafka-clients' own MockProducer stands in for a broker here; the real topic is exercised in the e2e suite. */
  @Test
  void kafkaPublisherSendsKeyedJsonToTheAlertTopic() throws Exception {
    MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    try (KafkaAlertPublisher publisher = new KafkaAlertPublisher(producer, KafkaAlertPublisher.DEFAULT_TOPIC,
        Duration.ofSeconds(5))) {
      publisher.publish(event);
    }
    assertThat(producer.history()).singleElement().satisfies(record -> {
      assertThat(record.topic()).isEqualTo("mesh.quality.alerts");
      assertThat(record.key()).isEqualTo("dns.p/dns.queries/freshness");
      assertThat(AlertJson.read(record.value())).isEqualTo(event);
    });
  }
}

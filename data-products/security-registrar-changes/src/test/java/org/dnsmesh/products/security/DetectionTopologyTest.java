package org.dnsmesh.products.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.dnsmesh.productkit.pseudonymize.Pseudonymizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario through the topology in Kafka Streams' test driver (fast; the *IT runs it on the real broker). */
class DetectionTopologyTest {

  @TempDir Path state; // set directly when the IT reuses run()

  @Test
  void everyAttackIsFoundOnceWithItsSeverityAndTheBenignMonthRaisesNoHighFinding() {
    SecurityScenario scenario = new SecurityScenario(7);
    ScenarioOutcome outcome = run(scenario);
    System.out.println("scenario findings: " + outcome.summary());
    outcome.assertMatches(scenario);
  }

  @Test
  void replayingTheRawTopicRebuildsTheSameFindings() {
    SecurityScenario scenario = new SecurityScenario(7);
    List<Finding> first = run(scenario).detections();
    List<Finding> second = run(scenario).detections();
    assertThat(second).isEqualTo(first);
  }

  ScenarioOutcome run(SecurityScenario scenario) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, DetectionTopology.APPLICATION_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.resolve("run-" + System.nanoTime()).toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(DetectionTopology.build(
        new Pseudonymizer(SecurityScenario.KEYS), DetectionSettings.defaults(), scenario.suppressions), props)) {
      TestInputTopic<String, byte[]> inventory = driver.createInputTopic(DetectionTopology.INVENTORY_TOPIC,
          new StringSerializer(), new ByteArraySerializer());
      scenario.inventory.forEach(a -> inventory.pipeInput(a.domain(), JsonSerde.bytes(a)));
      TestInputTopic<String, byte[]> windows = driver.createInputTopic(DetectionTopology.WINDOWS_TOPIC,
          new StringSerializer(), new ByteArraySerializer());
      scenario.windows.forEach(w -> windows.pipeInput(w.domain(), JsonSerde.bytes(w)));
      TestInputTopic<String, byte[]> nameservers = driver.createInputTopic(DetectionTopology.NAMESERVERS_TOPIC,
          new StringSerializer(), new ByteArraySerializer());
      scenario.nameservers.forEach(n -> nameservers.pipeInput(n.domain(), JsonSerde.bytes(n)));
      TestInputTopic<byte[], byte[]> raw = driver.createInputTopic(RegistrarChanges.RAW.toString(),
          new ByteArraySerializer(), new ByteArraySerializer());
      for (SecurityScenario.RawLine line : scenario.raw) {
        var record = RawCollector.record(line.source(), line.feed(), line.feed(), line.bytes(), line.millis());
        raw.pipeInput(new TestRecord<>(record.key(), record.value(), new RecordHeaders(record.headers().toArray()),
            line.millis()));
      }
      TestOutputTopic<String, byte[]> canonical = driver.createOutputTopic(RegistrarChanges.CANONICAL.toString(),
          new StringDeserializer(), new ByteArrayDeserializer());
      List<byte[]> canonicalBytes = canonical.readValuesToList();
      TestOutputTopic<String, byte[]> dlq = driver.createOutputTopic(RegistrarChanges.DEAD_LETTER.toString(),
          new StringDeserializer(), new ByteArrayDeserializer());
      List<String> reasons = new ArrayList<>();
      dlq.readRecordsToList().forEach(r -> reasons.add(new String(r.headers()
          .lastHeader(CanonicalizeProcessor.REJECT_HEADER).value(), StandardCharsets.UTF_8)));
      System.out.println("dead-letter reasons: " + reasons);
      List<Finding> detections = findings(driver, RegistrarChanges.DETECTIONS.toString());
      List<Finding> alerts = findings(driver, DetectionTopology.ALERTS_TOPIC);
      return new ScenarioOutcome(detections, alerts, canonicalBytes.size(), reasons.size(), reasons, canonicalBytes);
    }
  }

  private static List<Finding> findings(TopologyTestDriver driver, String topic) {
    return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer()).readValuesToList()
        .stream().map(bytes -> JsonSerde.read(bytes, Finding.class)).toList();
  }
}

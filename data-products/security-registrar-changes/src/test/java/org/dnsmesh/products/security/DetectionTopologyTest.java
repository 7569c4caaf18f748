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

  /**
   * On the broker the canonical topic is partitioned by domain and the repartitions by actor and account merge those
   * partitions in whatever order the upstream tasks produce: one domain's events stay in order, different domains
   * interleave arbitrarily (under load one partition's whole backlog, December included, can come before another's
   * November). Twenty seeded interleavings of the scenario, from fine-grained to one lane after another, must give
   * the findings of the in-order run (rule, case, severity, suppression).
   */
  @Test
  void findingsDoNotDependOnHowTheDomainPartitionsInterleave() {
    SecurityScenario scenario = new SecurityScenario(7);
    List<String> expected = signatures(run(scenario).detections());
    for (int seed = 1; seed <= 20; seed++) {
      java.util.Random random = new java.util.Random(seed);
      int lanes = 2 + seed % 3;
      List<java.util.ArrayDeque<SecurityScenario.RawLine>> byLane = new ArrayList<>();
      for (int i = 0; i < lanes; i++) {
        byLane.add(new java.util.ArrayDeque<>());
      }
      for (SecurityScenario.RawLine line : scenario.raw) {
        byLane.get(Math.floorMod(domainOf(line).hashCode() * 31 + seed, lanes)).add(line);
      }
      int maxChunk = seed <= 5 ? 1 : seed <= 15 ? 1 << seed % 10 : Integer.MAX_VALUE; // down to lane after lane
      List<SecurityScenario.RawLine> order = new ArrayList<>();
      while (byLane.stream().anyMatch(q -> !q.isEmpty())) {
        java.util.ArrayDeque<SecurityScenario.RawLine> lane = byLane.get(random.nextInt(lanes));
        for (int n = 1 + random.nextInt(Math.max(1, Math.min(maxChunk, lane.size()))); n > 0 && !lane.isEmpty(); n--) {
          order.add(lane.poll());
        }
      }
      assertThat(order).hasSameSizeAs(scenario.raw);
      assertThat(signatures(run(scenario, order).detections())).as("interleaving seed " + seed)
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  /** The domain a raw line is about (webhook JSON or zone log line); invalid lines go to one lane. */
  private static String domainOf(SecurityScenario.RawLine line) {
    String text = line.text() == null ? "" : line.text();
    java.util.regex.Matcher json = java.util.regex.Pattern.compile("\"domain\":\"([^\"]+)\"").matcher(text);
    if (json.find()) {
      return json.group(1);
    }
    java.util.regex.Matcher zone = java.util.regex.Pattern.compile(" zone=([^ ]+)\\.").matcher(text);
    return zone.find() ? zone.group(1) : "";
  }

  static List<String> signatures(List<Finding> findings) {
    return findings.stream().map(f -> f.rule() + " " + f.caseKey() + " " + f.severity() + " "
        + f.suppressedBy()).toList();
  }

  ScenarioOutcome run(SecurityScenario scenario) {
    return run(scenario, scenario.raw);
  }

  ScenarioOutcome run(SecurityScenario scenario, List<SecurityScenario.RawLine> order) {
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
      for (SecurityScenario.RawLine line : order) {
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

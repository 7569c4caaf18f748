package org.dnsmesh.products.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
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

  /**
   * A suppression approved while the topology runs applies to the findings processed after it arrives, by their event
   * time within [from, until): not to one processed before it (that alert is out), not to a later one whose event
   * time is outside the window (before from, or at until and after).
   */
  @Test
  void aSuppressionArrivingMidStreamAppliesToLaterFindingsInItsEventTimeWindowOnly() {
    SecurityScenario scenario = new SecurityScenario(7);
    String domain = "midstream.example";
    Instant from = SecurityScenario.at(40, "00:00");
    Instant until = SecurityScenario.at(40, "12:00");
    List<SecurityScenario.RawLine> before = scenario.nameserverChanges(domain, List.of(SecurityScenario.at(40, "01:00")));
    List<SecurityScenario.RawLine> after = scenario.nameserverChanges(domain, List.of(
        SecurityScenario.at(40, "02:00"),   // in the window: suppressed
        SecurityScenario.at(40, "12:00"),   // at until (exclusive): alerted
        SecurityScenario.at(40, "13:00"),   // after: alerted
        SecurityScenario.at(39, "23:59"))); // late event, before from: alerted
    SuppressionRule approved = new SuppressionRule("00000000-0000-0000-0000-00000000000a",
        Rule.DELEGATION_OUTSIDE_WINDOW, "domain:" + domain, from, until, "00000000-0000-0000-0000-00000000000a");
    List<SecurityScenario.RawLine> order = new ArrayList<>(before);
    order.addAll(after);
    ScenarioOutcome outcome = run(scenario, order, Map.of(before.size(), List.of(approved)));

    Map<Long, String> suppressedByEventTime = new TreeMap<>();
    outcome.detections().stream().filter(f -> f.rule() == Rule.DELEGATION_OUTSIDE_WINDOW)
        .forEach(f -> suppressedByEventTime.put(f.eventTsMillis(), String.valueOf(f.suppressedBy())));
    Map<Long, String> expected = new TreeMap<>(Map.of(
        SecurityScenario.at(39, "23:59").toEpochMilli(), "null",
        SecurityScenario.at(40, "01:00").toEpochMilli(), "null",
        SecurityScenario.at(40, "02:00").toEpochMilli(), approved.id(),
        SecurityScenario.at(40, "12:00").toEpochMilli(), "null",
        SecurityScenario.at(40, "13:00").toEpochMilli(), "null"));
    assertThat(suppressedByEventTime).isEqualTo(expected);
    // every finding is recorded; only the suppressed one is not alerted
    assertThat(outcome.alerts()).extracting(Finding::eventTsMillis).containsExactlyInAnyOrder(
        SecurityScenario.at(39, "23:59").toEpochMilli(), SecurityScenario.at(40, "01:00").toEpochMilli(),
        SecurityScenario.at(40, "12:00").toEpochMilli(), SecurityScenario.at(40, "13:00").toEpochMilli());
  }

  /**
   * A revocation (the suppression's record again with revokedAt, as the catalog publishes it) arriving mid-stream ends
   * the suppression by event time: findings at or after revokedAt are alerted, those before it stay suppressed — also
   * a late one processed after the revocation. Replaying with only the revoked record on the (compacted) topic gives
   * the same findings, suppressions included: the window is [from, min(until, revokedAt)), whenever it arrived.
   */
  @Test
  void aRevocationEndsTheSuppressionFromItsRevocationTimeOnLiveAndOnReplay() {
    SecurityScenario scenario = new SecurityScenario(7);
    String domain = "revoked.example";
    SuppressionRule approved = new SuppressionRule("00000000-0000-0000-0000-00000000000b",
        Rule.DELEGATION_OUTSIDE_WINDOW, "domain:" + domain, SecurityScenario.at(40, "00:00"),
        SecurityScenario.at(41, "00:00"), "00000000-0000-0000-0000-00000000000b");
    Instant revokedAt = SecurityScenario.at(40, "06:00");
    SuppressionRule revoked = approved.revoked(revokedAt);
    assertThat(SuppressionRule.fromJson(revoked.toJson())).contains(revoked);
    List<SecurityScenario.RawLine> beforeRevocation = scenario.nameserverChanges(domain, List.of(
        SecurityScenario.at(40, "01:00")));
    List<SecurityScenario.RawLine> afterRevocation = scenario.nameserverChanges(domain, List.of(
        SecurityScenario.at(40, "05:00"),   // before revokedAt: still suppressed
        SecurityScenario.at(40, "06:00"),   // at revokedAt (exclusive end): alerted
        SecurityScenario.at(40, "09:00"),   // after it, inside the original window: alerted
        SecurityScenario.at(40, "05:59"))); // late event before revokedAt: suppressed
    List<SecurityScenario.RawLine> order = new ArrayList<>(beforeRevocation);
    order.addAll(afterRevocation);
    ScenarioOutcome live = run(scenario, order, Map.of(0, List.of(approved), beforeRevocation.size(), List.of(revoked)));

    String id = approved.id();
    Map<Long, String> expected = new TreeMap<>(Map.of(
        SecurityScenario.at(40, "01:00").toEpochMilli(), id,
        SecurityScenario.at(40, "05:00").toEpochMilli(), id,
        SecurityScenario.at(40, "05:59").toEpochMilli(), id,
        SecurityScenario.at(40, "06:00").toEpochMilli(), "null",
        SecurityScenario.at(40, "09:00").toEpochMilli(), "null"));
    assertThat(suppressedByEventTime(live)).isEqualTo(expected);
    assertThat(live.alerts()).extracting(Finding::eventTsMillis).containsExactlyInAnyOrder(
        SecurityScenario.at(40, "06:00").toEpochMilli(), SecurityScenario.at(40, "09:00").toEpochMilli());

    ScenarioOutcome replay = run(scenario, order, Map.of(0, List.of(revoked)));
    assertThat(replay.detections()).isEqualTo(live.detections());
    assertThat(replay.alerts()).isEqualTo(live.alerts());

    // revoked before its window began: it never suppressed anything
    ScenarioOutcome revokedEarly = run(scenario, order, Map.of(0, List.of(approved.revoked(SecurityScenario.at(39, "12:00")))));
    assertThat(revokedEarly.detections()).isNotEmpty().noneMatch(Finding::isSuppressed);
    // a revocation that does not parse invalidates the record: nothing suppressed (fail open to alerts)
    byte[] garbled = new String(revoked.toJson(), StandardCharsets.UTF_8).replace(revokedAt.toString(), "soon")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(SuppressionRule.fromJson(garbled)).isEmpty();
  }

  private static Map<Long, String> suppressedByEventTime(ScenarioOutcome outcome) {
    Map<Long, String> byTime = new TreeMap<>();
    outcome.detections().stream().filter(f -> f.rule() == Rule.DELEGATION_OUTSIDE_WINDOW)
        .forEach(f -> byTime.put(f.eventTsMillis(), String.valueOf(f.suppressedBy())));
    return byTime;
  }

  /** A record on the suppressions topic that is not a valid suppression suppresses nothing (fail open to alerts). */
  @Test
  void anInvalidSuppressionRecordSuppressesNothing() {
    SecurityScenario scenario = new SecurityScenario(7);
    String domain = "midstream.example";
    List<SecurityScenario.RawLine> lines = scenario.nameserverChanges(domain, List.of(SecurityScenario.at(40, "02:00")));
    byte[] tooLong = ("{\"id\":\"x\",\"rule\":null,\"caseKey\":\"domain:" + domain + "\",\"from\":\""
        + SecurityScenario.at(10, "00:00") + "\",\"until\":\"" + SecurityScenario.at(41, "00:00")
        + "\",\"changeRequestId\":\"x\"}").getBytes(StandardCharsets.UTF_8);
    assertThat(SuppressionRule.fromJson(tooLong)).as("over 30 days").isEmpty();
    assertThat(SuppressionRule.fromJson("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
    ScenarioOutcome outcome = run(scenario, lines, Map.of(), List.of(tooLong, "not json".getBytes(StandardCharsets.UTF_8)));
    assertThat(outcome.detections()).isNotEmpty().noneMatch(Finding::isSuppressed);
    assertThat(outcome.alerts()).hasSameSizeAs(outcome.detections());
  }

  ScenarioOutcome run(SecurityScenario scenario) {
    return run(scenario, scenario.raw);
  }

  ScenarioOutcome run(SecurityScenario scenario, List<SecurityScenario.RawLine> order) {
    return run(scenario, order, Map.of(0, scenario.suppressions));
  }

  ScenarioOutcome run(SecurityScenario scenario, List<SecurityScenario.RawLine> order,
      Map<Integer, List<SuppressionRule>> suppressionsBefore) {
    return run(scenario, order, suppressionsBefore, List.of());
  }

  /**
   * Pipes the reference data, then the raw lines in {@code order}; the suppressions of {@code suppressionsBefore} go
   * on the suppressions topic (as the catalog publishes approved ones) just before the raw line of that index.
   */
  ScenarioOutcome run(SecurityScenario scenario, List<SecurityScenario.RawLine> order,
      Map<Integer, List<SuppressionRule>> suppressionsBefore, List<byte[]> rawSuppressionRecords) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, DetectionTopology.APPLICATION_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.resolve("run-" + System.nanoTime()).toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(DetectionTopology.build(
        new Pseudonymizer(SecurityScenario.KEYS), DetectionSettings.defaults()), props)) {
      TestInputTopic<String, byte[]> suppressions = driver.createInputTopic(DetectionTopology.SUPPRESSIONS_TOPIC,
          new StringSerializer(), new ByteArraySerializer());
      rawSuppressionRecords.forEach(bytes -> suppressions.pipeInput("bad-" + bytes.length, bytes));
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
      for (int i = 0; i < order.size(); i++) {
        suppressionsBefore.getOrDefault(i, List.of()).forEach(rule -> suppressions.pipeInput(rule.id(), rule.toJson()));
        SecurityScenario.RawLine line = order.get(i);
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

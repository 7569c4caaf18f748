package org.dnsmesh.products.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.dnsmesh.governance.compile.KafkaAclCompiler;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario on a real broker locked down like the mesh's (SASL/SCRAM, StandardAuthorizer, the policy's ACLs):
 * collectors and reference data as {@code pipeline-security}, the topology as {@code security-detections} with
 * exactly-once v2, alerts read as {@code steward-security}. Then the same with the topology in its own JVM, killed
 * with SIGKILL twice mid-stream: the committed findings equal the reference run's, none lost, none twice.
 */
class SecurityDetectionsIT {

  @TempDir Path dir;

  @Test
  void everyDetectionFiresOnTheRealBrokerUnderThePolicysAcls() throws Exception {
    SecurityScenario scenario = new SecurityScenario(7);
    try (EphemeralKafka kafka = EphemeralKafka.start(EphemeralKafka.projectHome())) {
      createTopics(kafka);
      publishReference(kafka, scenario);
      publishSuppressions(kafka, scenario.suppressions);
      publishRaw(kafka, scenario.raw);
      KafkaStreams streams = DetectionApp.start(KafkaClientConfig.of(kafka.clientProperties("security-detections")),
          SecurityScenario.KEYS, dir.resolve("state"), DetectionSettings.defaults());
      try {
        await(() -> detections(kafka).size() >= scenario.expected.size() + 1
            && canonicalCount(kafka) + deadLetters(kafka).size() == scenario.raw.size(), Duration.ofMinutes(8));
        Thread.sleep(2_000); // nothing more may arrive
        ScenarioOutcome outcome = outcome(kafka);
        System.out.println("real broker findings: " + outcome.summary());
        outcome.assertMatches(scenario);
        assertThat(signatures(outcome.detections())).containsExactlyInAnyOrderElementsOf(reference(scenario));
      } finally {
        streams.close(Duration.ofSeconds(30));
      }
      // the ACLs: alerts are read by the security steward in a group under the topic's prefix, not by others
      assertThat(readAsGroup(kafka, "steward-security", "mesh.security.alerts.it")).isNotEmpty();
      assertThatThrownBy(() -> readAsGroup(kafka, "pipeline-na", "na.alerts"))
          .isInstanceOf(TopicAuthorizationException.class);
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientProperties("pipeline-security"),
          new ByteArraySerializer(), new ByteArraySerializer())) {
        assertThatThrownBy(() -> producer.send(new ProducerRecord<>(DetectionTopology.ALERTS_TOPIC, new byte[1]))
            .get()).hasCauseInstanceOf(TopicAuthorizationException.class);
      }
    }
  }

  @Test
  void sigkillOfTheTopologyMidStreamLosesAndDuplicatesNoFinding() throws Exception {
    SecurityScenario scenario = new SecurityScenario(7);
    long decemberMillis = SecurityScenario.MONTH.plus(Duration.ofDays(30)).toEpochMilli();
    List<SecurityScenario.RawLine> november = scenario.raw.stream().filter(r -> r.millis() < decemberMillis).toList();
    List<SecurityScenario.RawLine> december = scenario.raw.stream().filter(r -> r.millis() >= decemberMillis).toList();
    try (EphemeralKafka kafka = EphemeralKafka.start(EphemeralKafka.projectHome())) {
      createTopics(kafka);
      publishReference(kafka, scenario);
      publishRaw(kafka, november);
      Path keys = keyFile();
      publishSuppressions(kafka, scenario.suppressions);
      Path config = kafka.clientConfigFile("security-detections");

      Process first = startApp(config, keys, "first");
      await(() -> canonicalCount(kafka) >= 300, Duration.ofMinutes(6));
      first.destroyForcibly().waitFor(); // SIGKILL in the middle of November's events
      long atFirstKill = canonicalCount(kafka);
      System.out.println("killed #1 after " + atFirstKill + " canonical events of " + november.size());

      publishRaw(kafka, december);
      Process second = startApp(config, keys, "second");
      await(() -> detections(kafka).size() >= 3, Duration.ofMinutes(6));
      second.destroyForcibly().waitFor(); // SIGKILL while findings are being produced
      int atSecondKill = detections(kafka).size();
      System.out.println("killed #2 after " + atSecondKill + " committed findings");

      Process third = startApp(config, keys, "third");
      try {
        await(() -> detections(kafka).size() >= scenario.expected.size() + 1
            && canonicalCount(kafka) + deadLetters(kafka).size() == scenario.raw.size(), Duration.ofMinutes(8));
        Thread.sleep(3_000);
        ScenarioOutcome outcome = outcome(kafka);
        System.out.println("after two SIGKILLs: " + outcome.summary());
        outcome.assertMatches(scenario);
        assertThat(signatures(outcome.detections())).containsExactlyInAnyOrderElementsOf(reference(scenario));
      } finally {
        third.destroy();
        third.waitFor();
      }
    }
  }

  /**
   * The findings of the test driver's run, as rule, case key, severity and suppression. Not ids: which event of a
   * burst crosses a threshold — and so the finding id — depends on how the broker interleaves the partitions a
   * repartition merges, which the single-threaded driver does not reproduce.
   */
  private List<String> reference(SecurityScenario scenario) {
    DetectionTopologyTest driver = new DetectionTopologyTest();
    driver.state = dir.resolve("driver");
    return signatures(driver.run(scenario).detections());
  }

  private static List<String> signatures(List<Finding> findings) {
    return DetectionTopologyTest.signatures(findings);
  }

  private Process startApp(Path config, Path keys, String name) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "--enable-native-access=ALL-UNNAMED",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
        DetectionApp.class.getName(), config.toString(), keys.toString(), dir.resolve("app-state").toString()));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("app-" + name + ".log").toFile()).start();
  }

  private Path keyFile() throws IOException {
    Path file = dir.resolve("pseudonym-keys.properties");
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Properties properties = new Properties();
    properties.setProperty("pseudonym.security.current", "t1");
    properties.setProperty("pseudonym.security.key.t1", Base64.getEncoder().encodeToString(
        "security-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
    try (Writer writer = Files.newBufferedWriter(file)) {
      properties.store(writer, null);
    }
    return file;
  }

  static void createTopics(EphemeralKafka kafka) throws Exception {
    // the scenario's events are weeks old: time-based retention would delete them at once
    Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    Map<String, String> kept = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
    try (Admin admin = Admin.create(kafka.clientProperties("pipeline-security"))) {
      admin.createTopics(List.of(new NewTopic(RegistrarChanges.RAW.toString(), 3, (short) 1).configs(kept),
          new NewTopic(RegistrarChanges.CANONICAL.toString(), 3, (short) 1).configs(kept),
          new NewTopic(RegistrarChanges.DEAD_LETTER.toString(), 1, (short) 1).configs(kept),
          new NewTopic(RegistrarChanges.DETECTIONS.toString(), 3, (short) 1).configs(kept),
          new NewTopic(RegistrarChanges.CASES.toString(), 3, (short) 1).configs(compacted),
          new NewTopic(DetectionTopology.INVENTORY_TOPIC, 1, (short) 1).configs(compacted),
          new NewTopic(DetectionTopology.WINDOWS_TOPIC, 1, (short) 1).configs(compacted),
          new NewTopic(DetectionTopology.NAMESERVERS_TOPIC, 1, (short) 1).configs(compacted))).all().get();
    }
    try (Admin admin = Admin.create(kafka.adminProperties())) {
      var resource = new org.apache.kafka.common.config.ConfigResource(
          org.apache.kafka.common.config.ConfigResource.Type.TOPIC, DetectionTopology.ALERTS_TOPIC);
      admin.incrementalAlterConfigs(Map.of(resource, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
          new org.apache.kafka.clients.admin.ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"),
          org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get();
    }
    // approved suppressions: created (compacted) and written by the catalog service only
    try (Admin admin = Admin.create(kafka.clientProperties(KafkaAclCompiler.CATALOG_PRINCIPAL))) {
      admin.createTopics(List.of(new NewTopic(DetectionTopology.SUPPRESSIONS_TOPIC, 1, (short) 1).configs(compacted)))
          .all().get();
    }
    assertThat(DetectionTopology.SUPPRESSIONS_TOPIC).isEqualTo(KafkaAclCompiler.SECURITY_SUPPRESSIONS_TOPIC);
    assertThat(DetectionTopology.ALERTS_TOPIC).isEqualTo(KafkaAclCompiler.SECURITY_ALERTS_TOPIC);
    assertThat(DetectionTopology.APPLICATION_ID).isEqualTo(KafkaAclCompiler.SECURITY_DETECTIONS_APPLICATION);
  }

  static void publishReference(EphemeralKafka kafka, SecurityScenario scenario) {
    try (ReferenceData reference = new ReferenceData(KafkaClientConfig.of(kafka.clientProperties("pipeline-security")))) {
      scenario.inventory.forEach(reference::put);
      scenario.windows.forEach(reference::put);
      scenario.nameservers.forEach(reference::put);
      reference.flush();
      assertThat(reference.refused()).isEmpty();
    }
  }

  /** As the catalog service publishes approved suppressions (key: id). */
  static void publishSuppressions(EphemeralKafka kafka, List<SuppressionRule> rules) throws Exception {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        kafka.clientProperties(KafkaAclCompiler.CATALOG_PRINCIPAL), new org.apache.kafka.common.serialization.StringSerializer(),
        new ByteArraySerializer())) {
      for (SuppressionRule rule : rules) {
        producer.send(new ProducerRecord<>(DetectionTopology.SUPPRESSIONS_TOPIC, rule.id(), rule.toJson())).get();
      }
    }
  }

  static void publishRaw(EphemeralKafka kafka, List<SecurityScenario.RawLine> lines) {
    try (RawCollector collector = new RawCollector(KafkaClientConfig.of(kafka.clientProperties("pipeline-security")))) {
      for (SecurityScenario.RawLine line : lines) {
        collector.send(line.source(), line.feed(), line.feed(), line.bytes(), line.millis());
      }
      collector.flush();
    }
  }

  private static ScenarioOutcome outcome(EphemeralKafka kafka) {
    List<ConsumerRecord<byte[], byte[]>> canonical = TopicReader.readAll(kafka.adminProperties(),
        RegistrarChanges.CANONICAL.toString());
    List<ConsumerRecord<byte[], byte[]>> dlq = deadLetters(kafka);
    List<String> reasons = dlq.stream().map(r -> new String(r.headers().lastHeader(CanonicalizeProcessor.REJECT_HEADER)
        .value(), StandardCharsets.UTF_8)).toList();
    List<Finding> alerts = TopicReader.readAll(kafka.adminProperties(), DetectionTopology.ALERTS_TOPIC).stream()
        .map(r -> JsonSerde.read(r.value(), Finding.class)).toList();
    return new ScenarioOutcome(detections(kafka), alerts, canonical.size(), dlq.size(), reasons,
        canonical.stream().map(ConsumerRecord::value).toList());
  }

  private static volatile String lastCounts = "";

  private static List<Finding> detections(EphemeralKafka kafka) {
    List<Finding> findings = TopicReader.readAll(kafka.adminProperties(), RegistrarChanges.DETECTIONS.toString())
        .stream().map(r -> JsonSerde.read(r.value(), Finding.class)).toList();
    lastCounts = Instant.now() + ": " + findings.size() + " findings";
    return findings;
  }

  private static long canonicalCount(EphemeralKafka kafka) {
    long n = TopicReader.readAll(kafka.adminProperties(), RegistrarChanges.CANONICAL.toString()).size();
    lastCounts += ", canonical " + n;
    return n;
  }

  private static List<ConsumerRecord<byte[], byte[]>> deadLetters(EphemeralKafka kafka) {
    return TopicReader.readAll(kafka.adminProperties(), RegistrarChanges.DEAD_LETTER.toString());
  }

  private static List<byte[]> readAsGroup(EphemeralKafka kafka, String user, String group) {
    Map<String, Object> settings = new HashMap<>(kafka.clientProperties(user));
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(DetectionTopology.ALERTS_TOPIC));
      List<byte[]> values = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
      }
      return values;
    }
  }

  private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      System.out.println("waiting: " + lastCounts);
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout + " (last: " + lastCounts + ")");
      }
      Thread.sleep(500);
    }
  }

  static Set<String> ids(List<Finding> findings) {
    return findings.stream().map(Finding::findingId).collect(Collectors.toSet());
  }
}

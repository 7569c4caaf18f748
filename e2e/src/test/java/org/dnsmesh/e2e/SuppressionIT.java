package org.dnsmesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.dnsmesh.infra.cli.MeshCli;
import org.dnsmesh.infra.stack.KafkaBroker;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.pseudonymize.PseudonymKey;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.products.security.DetectionApp;
import org.dnsmesh.products.security.DetectionSettings;
import org.dnsmesh.products.security.DetectionTopology;
import org.dnsmesh.products.security.Finding;
import org.dnsmesh.products.security.JsonSerde;
import org.dnsmesh.products.security.RawCollector;
import org.dnsmesh.products.security.RegistrarChanges;
import org.dnsmesh.products.security.SourceSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * A suppression as people run it, on the real stack with the detection topology running: an NS change outside every
 * window is alerted; analyst alan proposes a suppression with {@code mesh suppress propose}; he cannot approve it
 * himself, a steward of security does with {@code mesh suppress approve}; the catalog publishes it to
 * {@code mesh.security.suppressions} and within seconds the next such change is recorded on the detections topic with
 * the suppression's id and not alerted. A suppression forged onto the topic by any other principal is refused by the
 * broker.
 */
@Tag("e2e")
@ExtendWith(SharedStack.class)
@Order(SharedStack.ORDER)
class SuppressionIT {
  private static final String DOMAIN = "shop.example";
  private static StackConfig config;
  private static MeshStack stack;
  private static KafkaBroker broker;
  private static KafkaStreams topology;
  private static int sequence;

  @BeforeAll
  static void up() throws Exception {
    config = SharedStack.config();
    stack = SharedStack.stack();
    broker = new KafkaBroker(config);
    Map<String, String> kept = Map.of("retention.ms", "-1");
    try (Admin admin = Admin.create(broker.clientProperties("pipeline-security"))) {
      admin.createTopics(List.of(new NewTopic(RegistrarChanges.RAW.toString(), 1, (short) 1).configs(kept),
          new NewTopic(RegistrarChanges.CANONICAL.toString(), 1, (short) 1).configs(kept),
          new NewTopic(RegistrarChanges.DEAD_LETTER.toString(), 1, (short) 1).configs(kept),
          new NewTopic(RegistrarChanges.DETECTIONS.toString(), 1, (short) 1).configs(kept),
          new NewTopic(RegistrarChanges.CASES.toString(), 1, (short) 1),
          new NewTopic(DetectionTopology.INVENTORY_TOPIC, 1, (short) 1),
          new NewTopic(DetectionTopology.WINDOWS_TOPIC, 1, (short) 1),
          new NewTopic(DetectionTopology.NAMESERVERS_TOPIC, 1, (short) 1))).all().get();
    }
    // the catalog creates mesh.security.suppressions at start (only its principal may): wait for it, as the topology must
    try (Admin admin = Admin.create(broker.clientProperties("security-detections"))) {
      await(() -> {
        try {
          return admin.describeTopics(List.of(DetectionTopology.SUPPRESSIONS_TOPIC)).allTopicNames().get();
        } catch (Exception e) {
          return null;
        }
      }, Duration.ofSeconds(60));
    }
    DomainKeyRing keys = new DomainKeyRing("security", "t1", Map.of("t1",
        new PseudonymKey("t1", "e2e-security-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))));
    topology = DetectionApp.start(KafkaClientConfig.of(broker.clientProperties("security-detections")), keys,
        config.layout().root().resolve("detections-state"), DetectionSettings.defaults());
  }

  @AfterAll
  static void down() {
    if (topology != null) {
      topology.close(Duration.ofSeconds(30));
    }
  }

  @Test
  void anApprovedSuppressionStopsTheAlertWithinSecondsAndTheFindingIsStillRecorded() throws Exception {
    Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    nameserverChange(first);
    Finding alerted = await(() -> findings(RegistrarChanges.DETECTIONS.toString()).stream()
        .filter(f -> f.eventTsMillis() == first.toEpochMilli()).findFirst().orElse(null), Duration.ofMinutes(3));
    assertThat(alerted.isSuppressed()).isFalse();
    await(() -> findings(DetectionTopology.ALERTS_TOPIC).stream().filter(a -> a.findingId().equals(alerted.findingId()))
        .findFirst().orElse(null), Duration.ofSeconds(30));

    String alan = token("alan", "analyst", List.of());
    Run proposed = mesh(alan, "suppress", "propose", "--rule", "DELEGATION_OUTSIDE_WINDOW", "--case", "domain:" + DOMAIN,
        "--from", first.minus(1, ChronoUnit.HOURS).toString(), "--for", "2d", "--reason", "registrar migration CR-4711");
    assertThat(proposed.exitCode()).as(proposed.err()).isZero();
    Matcher idMatch = Pattern.compile("suppression ([0-9a-f-]{36})").matcher(proposed.out());
    assertThat(idMatch.find()).as(proposed.out()).isTrue();
    String id = idMatch.group(1);
    assertThat(proposed.out()).contains("SUBMITTED (stewards 0/1)");
    Run own = mesh(alan, "suppress", "approve", id, "-m", "mine");
    assertThat(own.exitCode()).isEqualTo(1);
    Run otherDomain = mesh(token("steward-na", "steward", List.of("na")), "suppress", "approve", id, "-m", "na");
    assertThat(otherDomain.exitCode()).isEqualTo(1);

    long approving = System.nanoTime();
    Run approved = mesh(token("victor", "steward", List.of("security")), "suppress", "approve", id, "-m", "confirmed");
    assertThat(approved.exitCode()).as(approved.err()).isZero();
    assertThat(approved.out()).contains("PUBLISHED", "is on mesh.security.suppressions");

    // a new NS change every 250 ms until one comes back suppressed: how long the approval takes to apply
    Finding suppressed = null;
    Instant at = first;
    while (suppressed == null && System.nanoTime() - approving < Duration.ofSeconds(60).toNanos()) {
      at = at.plusSeconds(1);
      nameserverChange(at);
      Thread.sleep(250);
      suppressed = findings(RegistrarChanges.DETECTIONS.toString()).stream().filter(Finding::isSuppressed).findFirst()
          .orElse(null);
    }
    double seconds = (System.nanoTime() - approving) / 1e9;
    System.out.printf("[suppress] approval to first suppressed finding: %.2f s%n", seconds);
    assertThat(suppressed).as("a suppressed finding within 60 s of the approval").isNotNull();
    assertThat(seconds).isLessThan(15);
    assertThat(suppressed.suppressedBy()).isEqualTo(id);
    Thread.sleep(3_000);
    String suppressedId = suppressed.findingId();
    assertThat(findings(DetectionTopology.ALERTS_TOPIC)).extracting(Finding::findingId).doesNotContain(suppressedId);
  }

  @Test
  void aSuppressionForgedByAnyOtherPrincipalIsRefusedByTheBroker() {
    byte[] forged = ("{\"id\":\"forged\",\"rule\":null,\"caseKey\":\"domain:" + DOMAIN + "\",\"from\":\"" + Instant.now()
        + "\",\"until\":\"" + Instant.now().plusSeconds(3600) + "\",\"changeRequestId\":\"forged\"}")
        .getBytes(StandardCharsets.UTF_8);
    for (String principal : List.of("security-detections", "pipeline-security", "steward-security", "admin", "governance")) {
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(broker.clientProperties(principal),
          new StringSerializer(), new ByteArraySerializer())) {
        assertThatThrownBy(() -> producer.send(new ProducerRecord<>(DetectionTopology.SUPPRESSIONS_TOPIC, "forged", forged))
            .get()).as(principal).hasCauseInstanceOf(TopicAuthorizationException.class);
      }
    }
  }

  /** A registrar webhook: an NS change of {@link #DOMAIN} (no approved window: a DELEGATION_OUTSIDE_WINDOW finding). */
  private static void nameserverChange(Instant at) {
    String json = "{\"id\":\"e2e-" + (++sequence) + "\",\"occurred_at\":\"" + at + "\",\"type\":\"nameservers.updated\","
        + "\"tenant\":\"acme\",\"domain\":\"" + DOMAIN + "\",\"account\":\"acct-e2e\",\"actor\":{\"email\":"
        + "\"ops@acct-e2e.example\",\"ip\":\"203.0.113.7\",\"user_agent\":\"Mozilla/5.0\"},"
        + "\"change\":{\"old\":[\"ns1.dnsprov.example\"],\"new\":[\"ns2.dnsprov.example\"]}}";
    try (RawCollector collector = new RawCollector(KafkaClientConfig.of(broker.clientProperties("pipeline-security")))) {
      collector.send(SourceSystem.REGISTRAR_WEBHOOK, "registrar-webhook:acme-registrar", "registrar-webhook:acme-registrar",
          json.getBytes(StandardCharsets.UTF_8), at.toEpochMilli());
      collector.flush();
    }
  }

  /**
   * Every committed finding of {@link #DOMAIN} on a topic: the detections as the topology's principal (the only reader
   * of {@code security.*} topics besides the domain's writers), the alerts as the security steward reads them.
   */
  private static List<Finding> findings(String topic) {
    String reader = topic.equals(DetectionTopology.ALERTS_TOPIC) ? "steward-security" : "security-detections";
    Map<String, Object> settings = new HashMap<>(broker.clientProperties(reader));
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      // every partition: the stack creates mesh.security.alerts with several
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<Finding> findings = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> findings.add(JsonSerde.read(r.value(), Finding.class)));
      }
      return findings.stream().filter(f -> DOMAIN.equals(f.domain())).toList();
    }
  }

  private static <T> T await(java.util.function.Supplier<T> found, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    T value;
    while ((value = found.get()) == null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout);
      }
      Thread.sleep(500);
    }
    return value;
  }

  private static String token(String principal, String role, List<String> domains) {
    return stack.tokens().mint(principal, List.of(role), domains, Duration.ofMinutes(10));
  }

  record Run(int exitCode, String out, String err) {}

  private static Run mesh(String token, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new MeshCli());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> full = new ArrayList<>(List.of(args));
    full.addAll(List.of("--catalog", config.catalogUrl(), "--token", token));
    int exit = commandLine.execute(full.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }
}

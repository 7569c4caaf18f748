package org.dnsmesh.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Attacks on the real broker, locked down as `mesh up` locks it (SASL/SCRAM, StandardAuthorizer, ACLs compiled from
 * the shipped policy): each attempt must be refused; the legitimate principals must still work. Counts attempts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaAccessControlIT {
  static final String NA_RAW = "na.attack-it.raw";
  static final String EU_RAW = "eu.attack-it.raw";
  static final String SECURITY_RAW = "security.attack-it.raw";
  static final String GOVERNANCE = "mesh.governance.events";
  static final String ALERTS = "mesh.quality.alerts";
  static final AtomicInteger REFUSED = new AtomicInteger();
  static EphemeralKafka kafka;

  @BeforeAll
  static void start() throws Exception {
    long started = System.nanoTime();
    kafka = EphemeralKafka.start(EphemeralKafka.projectHome());
    System.out.printf("KafkaAccessControlIT: locked-down broker ready (format with SCRAM users, start, ACLs) in %.1f s%n",
        (System.nanoTime() - started) / 1e9);
    try (Admin admin = Admin.create(kafka.adminProperties())) {
      admin.createTopics(List.of(new NewTopic(NA_RAW, 1, (short) 1), new NewTopic(EU_RAW, 1, (short) 1),
          new NewTopic(SECURITY_RAW, 1, (short) 1))).all().get();
      // the mesh's own topics are created by the broker's start-up, before any service could need them
      assertThat(admin.listTopics().names().get()).contains(GOVERNANCE, ALERTS);
    }
    // something worth stealing on every topic
    produce("pipeline-na", NA_RAW, "secret-na-query");
    produce("publisher-eu", EU_RAW, "secret-eu-query");
    produce("catalog-service", GOVERNANCE, "{\"event\":\"approved\"}");
    produce("quality-monitor", ALERTS, "{\"alert\":\"freshness\"}");
  }

  @AfterAll
  static void stop() {
    System.out.println("KafkaAccessControlIT: " + REFUSED.get() + " attacks attempted");
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void clientWithoutCredentialsGetsNothing() {
    Map<String, Object> plaintext = Map.of("bootstrap.servers", kafka.bootstrapServers());
    // a PLAINTEXT client never gets past the SASL handshake: it sees no metadata, the broker logs the failure
    refused(() -> produceWith(plaintext, NA_RAW, "forged"), org.apache.kafka.common.errors.TimeoutException.class);
    refused(() -> readWith(plaintext, NA_RAW), org.apache.kafka.common.errors.TimeoutException.class);
  }

  @Test
  void wrongPasswordOrUnknownUserFailsAuthentication() {
    refused(() -> produceWith(withPassword(kafka.clientProperties("pipeline-na"), "pipeline-na", "guess"), NA_RAW,
        "forged"), SaslAuthenticationException.class);
    refused(() -> readWith(withPassword(kafka.clientProperties("pipeline-na"), "mesh-kafka-broker", "guess"), NA_RAW),
        SaslAuthenticationException.class);
    refused(() -> readWith(withPassword(kafka.clientProperties("pipeline-na"), "mallory", "guess"), GOVERNANCE),
        SaslAuthenticationException.class);
  }

  @Test
  void controllerListenerRefusesClientCredentials() {
    Map<String, Object> controller = new HashMap<>(kafka.clientProperties("pipeline-na"));
    controller.put("bootstrap.servers", "127.0.0.1:" + kafka.controllerPort());
    refused(() -> readWith(controller, NA_RAW), UnsupportedSaslMechanismException.class);
  }

  @Test
  void anotherDomainsPipelineCannotReadWriteOrCreateNasTopics() {
    for (var intruder : Map.of("publisher-eu", EU_RAW, "pipeline-security", SECURITY_RAW).entrySet()) {
      refused(() -> produce(intruder.getKey(), NA_RAW, "forged"), TopicAuthorizationException.class);
      refused(() -> read(intruder.getKey(), NA_RAW), TopicAuthorizationException.class);
      refused(() -> createTopic(intruder.getKey(), "na.planted.raw"), TopicAuthorizationException.class);
      // its own topic, in na's consumer group: the group is na's
      refused(() -> joinGroup(intruder.getKey(), "na.attack-it", intruder.getValue()), GroupAuthorizationException.class);
    }
  }

  @Test
  void analystsAndStewardsCannotReadRawTopicsOrTheGovernanceEvents() {
    for (String reader : List.of("ana", "analyst", "alan")) {
      for (String topic : List.of(NA_RAW, EU_RAW, GOVERNANCE, ALERTS)) {
        refused(() -> read(reader, topic), TopicAuthorizationException.class);
      }
      // no write anywhere: the idempotent producer is already refused its producer id (cluster authorization)
      refused(() -> produce(reader, NA_RAW, "forged"), AuthorizationException.class);
    }
    refused(() -> read("steward-na", NA_RAW), TopicAuthorizationException.class);
    refused(() -> read("steward-na", GOVERNANCE), TopicAuthorizationException.class);
  }

  @Test
  void onlyTheCatalogWritesGovernanceEventsAndOnlyTheMonitorWritesAlerts() {
    for (String forger : List.of("pipeline-na", "publisher-eu", "steward-na", "governance", "ana")) {
      refused(() -> produce(forger, GOVERNANCE, "{\"event\":\"forged\"}"), AuthorizationException.class);
      refused(() -> produce(forger, ALERTS, "{\"alert\":\"forged\"}"), AuthorizationException.class);
    }
    refused(() -> produce("quality-monitor", GOVERNANCE, "{\"event\":\"forged\"}"), TopicAuthorizationException.class);
    refused(() -> produce("catalog-service", ALERTS, "{\"alert\":\"forged\"}"), TopicAuthorizationException.class);
    refused(() -> read("catalog-service", GOVERNANCE), TopicAuthorizationException.class);
  }

  @Test
  void legitimatePrincipalsWorkWithinThePolicy() throws Exception {
    assertThat(read("pipeline-na", NA_RAW)).contains("secret-na-query");
    assertThat(read("publisher-eu", EU_RAW)).contains("secret-eu-query");
    assertThat(read("governance", GOVERNANCE)).contains("{\"event\":\"approved\"}");
    assertThat(read("steward-na", ALERTS)).contains("{\"alert\":\"freshness\"}");
    assertThat(joinGroup("pipeline-na", "na.attack-it", NA_RAW)).contains("secret-na-query");
    createTopic("pipeline-na", "na.created-it.raw");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void noForgedRecordLandedAnywhere() throws Exception {
    assertThat(read("pipeline-na", NA_RAW)).containsExactly("secret-na-query");
    assertThat(read("governance", GOVERNANCE)).containsExactly("{\"event\":\"approved\"}");
    assertThat(read("governance", ALERTS)).containsExactly("{\"alert\":\"freshness\"}");
    try (Admin admin = Admin.create(kafka.adminProperties())) {
      assertThat(admin.listTopics().names().get()).doesNotContain("na.planted.raw");
    }
  }

  @Test
  void credentialsAndBrokerConfigurationAreOwnerOnly() throws Exception {
    Path secrets = kafka.stateDir().resolve("secrets/kafka");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve("credentials.properties"))))
        .isEqualTo("rw-------");
    Path kafkaDir = kafka.stateDir().resolve("kafka");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kafkaDir))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kafkaDir.resolve("server.properties"))))
        .isEqualTo("rw-------");
    assertThat(kafkaDir.resolve("format.args")).doesNotExist();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kafka.clientConfigFile("pipeline-na"))))
        .isEqualTo("rw-------");
  }

  /** Runs an attack and asserts it fails with {@code expected} somewhere in its causes. */
  static void refused(ThrowingRunnable attack, Class<? extends Throwable> expected) {
    REFUSED.incrementAndGet();
    assertThatThrownBy(attack::run).satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(expected));
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  static void produce(String user, String topic, String value) throws Exception {
    produceWith(kafka.clientProperties(user), topic, value);
  }

  static void produceWith(Map<String, Object> client, String topic, String value) throws Exception {
    Map<String, Object> config = new HashMap<>(client);
    config.put("max.block.ms", 5_000);
    config.put("delivery.timeout.ms", 5_000);
    config.put("request.timeout.ms", 4_000);
    config.put("linger.ms", 0);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
        new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, value)).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  static List<String> read(String user, String topic) {
    return readWith(kafka.clientProperties(user), topic);
  }

  /** Reads a topic from the start without a group (assign): only topic DESCRIBE and READ are checked. */
  static List<String> readWith(Map<String, Object> client, String topic) {
    Map<String, Object> config = new HashMap<>(client);
    config.put("default.api.timeout.ms", 5_000);
    config.put("request.timeout.ms", 4_000);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      partitions.forEach(consumer::position); // the offset lookup is where a READ refusal surfaces
      return poll(consumer);
    }
  }

  /** Consumes in a consumer group: group READ and topic READ are checked. */
  static List<String> joinGroup(String user, String group, String topic) {
    Map<String, Object> config = new HashMap<>(kafka.clientProperties(user));
    config.put("group.id", group);
    config.put("auto.offset.reset", "earliest");
    config.put("default.api.timeout.ms", 5_000);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      return poll(consumer);
    }
  }

  /** Everything up to the end offsets (the topics here are small), or whatever arrived within 10 s. */
  private static List<String> poll(KafkaConsumer<String, String> consumer) {
    List<String> values = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline && !caughtUp(consumer)) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
        values.add(record.value());
      }
    }
    return values;
  }

  private static boolean caughtUp(KafkaConsumer<String, String> consumer) {
    if (consumer.assignment().isEmpty()) {
      return false;
    }
    Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  static void createTopic(String user, String topic) throws Exception {
    try (Admin admin = Admin.create(kafka.clientProperties(user))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static Map<String, Object> withPassword(Map<String, Object> client, String user, String password) {
    Map<String, Object> config = new HashMap<>(client);
    config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user + "\" password=\"" + password + "\";");
    return config;
  }
}

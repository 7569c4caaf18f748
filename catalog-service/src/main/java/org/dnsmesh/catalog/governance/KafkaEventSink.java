package org.dnsmesh.catalog.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dnsmesh.governance.workflow.GovernanceEvent;
import org.dnsmesh.governance.workflow.GovernanceEventSink;
import org.jboss.logging.Logger;

/**
 * Sends committed workflow events to Kafka ({@code mesh.governance.events}, key = product, JSON value).
 * Events go out after the database commit, asynchronously: a Kafka outage never undoes or blocks a review
 * (the audit log is the record; each event carries the audit hash). Without bootstrap servers the events are
 * only logged, and {@link GovernanceHealth} says so.
 */
@Startup
@ApplicationScoped
public class KafkaEventSink implements GovernanceEventSink {
  private static final Logger LOG = Logger.getLogger(KafkaEventSink.class);

  /** The stack's broker does not auto-create topics; 3 partitions like the broker's default. */
  private static final int PARTITIONS = 3;

  private final Optional<KafkaProducer<String, String>> producer;
  private final Optional<String> bootstrapServers;
  /** Credentials and other client settings from the client configuration file. */
  private final Properties clientConfig;
  private volatile boolean topicReady;
  private final java.util.concurrent.ExecutorService sender = java.util.concurrent.Executors.newSingleThreadExecutor(
      Thread.ofPlatform().name("governance-events").daemon().factory());
  private final String topic;
  private final ObjectMapper json;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>();

  public KafkaEventSink(GovernanceConfig config, ObjectMapper json) {
    this.topic = config.kafka().topic();
    this.json = json;
    this.bootstrapServers = config.kafka().bootstrapServers().filter(s -> !s.isBlank());
    this.clientConfig = clientConfig(config.kafka().clientConfig());
    this.producer = bootstrapServers.map(this::producer);
    if (producer.isEmpty()) {
      LOG.warnf("mesh.governance.kafka.bootstrap-servers is not set: governance events are logged, not sent to %s", topic);
    } else {
      LOG.infof("Governance events go to Kafka topic %s at %s", topic, bootstrapServers.get());
      ensureTopic();
    }
  }

  /** Creates the topic when missing; retried before each send until it worked once (Kafka may start later). */
  private void ensureTopic() {
    if (topicReady || bootstrapServers.isEmpty()) {
      return;
    }
    Properties properties = clientProperties();
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    try (Admin admin = Admin.create(properties)) {
      admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(5, TimeUnit.SECONDS);
      LOG.infof("Created Kafka topic %s", topic);
      topicReady = true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        topicReady = true;
      } else {
        LOG.warnf("Cannot create Kafka topic %s yet (%s): will retry on the next event", topic, e.getCause().getMessage());
      }
    } catch (TimeoutException e) {
      LOG.warnf("Kafka at %s did not answer within 5 s: topic %s not checked yet, will retry", bootstrapServers.get(), topic);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warnf("Cannot check Kafka topic %s (%s): will retry on the next event", topic, e.getMessage());
    }
  }

  /**
   * This service's Kafka client settings (credentials and bootstrap servers), for its other producers (approved
   * suppressions); empty when Kafka is not configured.
   */
  Optional<Properties> clientSettings() {
    return bootstrapServers.map(servers -> clientProperties());
  }

  /** The one place that builds this service's Kafka client settings: credentials file, then bootstrap servers. */
  private Properties clientProperties() {
    Properties properties = new Properties();
    properties.putAll(clientConfig);
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.orElseThrow());
    return properties;
  }

  private static Properties clientConfig(Optional<java.nio.file.Path> file) {
    Properties properties = new Properties();
    if (file.isPresent()) {
      try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(file.get())) {
        properties.load(reader);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot read the Kafka client configuration "
            + file.get() + " (mesh.governance.kafka.client-config): " + e.getMessage(), e);
      }
    }
    return properties;
  }

  private KafkaProducer<String, String> producer(String bootstrapServers) {
    Properties properties = clientProperties();
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, "catalog-service-governance");
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // a review must not wait a minute for a broker that is down: fail the send fast and log it
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
  }

  @Override
  public void publish(GovernanceEvent event) {
    String value = toJson(event);
    if (producer.isEmpty()) {
      LOG.infof("governance event (Kafka not configured): %s", value);
      return;
    }
    // one sender thread keeps the events in commit order and never lets a slow broker hold up a review
    sender.execute(() -> send(event, value));
  }

  private void send(GovernanceEvent event, String value) {
    send(event.subject().toString(), event.type().name(), event.change().toString(), value);
  }

  private void send(String key, String type, String change, String value) {
    ensureTopic();
    try {
      producer.get().send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
        if (error == null) {
          sent.incrementAndGet();
        } else {
          failed.incrementAndGet();
          lastError.set(error.toString());
          LOG.errorf("Governance event %s of change %s not delivered to %s: %s (it stays in the audit log)",
              type, change, topic, error.getMessage());
        }
      });
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      lastError.set(e.toString());
      LOG.errorf("Governance event %s of change %s not sent to %s: %s (it stays in the audit log)", type,
          change, topic, e.getMessage());
    }
  }

  String toJson(GovernanceEvent event) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", event.type().name().toLowerCase(java.util.Locale.ROOT));
    body.put("kind", switch (event.kind()) {
      case CONTRACT_VERSION -> "contract";
      case ACCESS_POLICY -> "policy";
      case ACCESS_REQUEST -> "access";
      case SUPPRESSION -> "suppression";
    });
    body.put("change", event.change().toString());
    body.put("product", event.subject().toString());
    body.put("version", event.proposedVersion());
    event.compatibility().ifPresent(compatibility -> body.put("compatibility", compatibility.name()));
    body.put("actor", event.actor().value());
    body.put("occurredAt", event.occurredAt().toString());
    event.comment().ifPresent(comment -> body.put("comment", comment));
    body.put("auditSequence", event.auditSequence());
    body.put("auditHash", event.auditHash());
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** For health: whether Kafka is configured, and delivery counts. */
  record Status(boolean configured, String topic, long sent, long failed, String lastError) {}

  Status status() {
    return new Status(producer.isPresent(), topic, sent.get(), failed.get(), lastError.get());
  }

  @PreDestroy
  void close() {
    sender.shutdown();
    try {
      if (!sender.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warnf("Governance events still queued at shutdown were not sent (they are in the audit log)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.ifPresent(p -> p.close(Duration.ofSeconds(5)));
  }
}

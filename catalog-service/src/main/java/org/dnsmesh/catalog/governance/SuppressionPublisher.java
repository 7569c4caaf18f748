package org.dnsmesh.catalog.governance;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.workflow.ChangePublisher;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.Suppression;
import org.jboss.logging.Logger;

/**
 * Where an approved suppression takes effect: it is written (key: the change id) to the compacted topic
 * {@code mesh.governance.suppressions.topic} ({@code mesh.security.suppressions}), which only this service's Kafka
 * principal may write (governance's KafkaAclCompiler), and the running detection topology reads as a GlobalKTable —
 * no restart, no file. The send is synchronous: the change becomes PUBLISHED only once the broker has it; otherwise
 * it stays APPROVED with the reason and {@code POST /api/v1/suppressions/{id}/publish} retries (same key, same
 * value: a retry is idempotent). The suppression needs no expiry job: the topology applies it by each finding's
 * event time within {@code [from, until)}, so it ends by itself at {@code until} and a replay gives the same
 * result (a tombstone at expiry would make a replay alert again on the window's findings). A revocation is no
 * tombstone either, for the same reason: it rewrites the record with {@code revokedAt} ({@link #revoke}).
 */
@ApplicationScoped
public class SuppressionPublisher implements ChangePublisher {
  private static final Logger LOG = Logger.getLogger(SuppressionPublisher.class);

  private final GovernanceContext context;
  private final KafkaEventSink kafka;
  private final String topic;
  private volatile KafkaProducer<String, byte[]> producer;

  public SuppressionPublisher(GovernanceContext context, KafkaEventSink kafka, GovernanceConfig config) {
    this.context = context;
    this.kafka = kafka;
    this.topic = config.suppressions().topic();
  }

  /**
   * Creates the topic at start when Kafka is configured: the detection topology reads it as a GlobalKTable and cannot
   * start on a missing topic, and only this service's principal may create it. Kafka (and its ACLs) may come up after
   * this service, so it retries every 2 s for 10 minutes in the background; the first publication tries again too.
   */
  void createTopicAtStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent started) {
    kafka.clientSettings().ifPresent(settings -> Thread.ofVirtual().name("suppressions-topic").start(() -> {
      for (int attempt = 1; attempt <= 300; attempt++) {
        try {
          ensureTopic(settings);
          return;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
          if (attempt == 1) {
            LOG.warnf("Kafka topic %s not there yet (%s): retrying every 2 s", topic, e.toString());
          }
        } catch (InterruptedException e) {
          return;
        }
        try {
          Thread.sleep(2_000);
        } catch (InterruptedException e) {
          return;
        }
      }
      LOG.errorf("Kafka topic %s could not be created in 10 minutes: the detection topology cannot start", topic);
    }));
  }

  @Override
  public Publication publish(ChangeRequest approved, PrincipalName approver) {
    Suppression suppression = Suppression.of(approved);
    Optional<Properties> settings = kafka.clientSettings();
    if (settings.isEmpty()) {
      return Publication.failed("not published: Kafka is not configured (mesh.governance.kafka.bootstrap-servers), so the"
          + " detection topology cannot receive it; the suppression stays APPROVED (retry: POST /api/v1/suppressions/"
          + approved.id() + "/publish)");
    }
    RecordMetadata written;
    try {
      ensureTopic(settings.get());
      written = producer(settings.get()).send(new ProducerRecord<>(topic, approved.id().toString(),
          suppression.toTopicRecord(approved.id()))).get(15, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      LOG.errorf("Approved suppression %s not written to %s: %s", approved.id(), topic, cause.toString());
      return Publication.failed("not published to " + topic + ": " + cause.getMessage() + " (the suppression stays"
          + " APPROVED; retry: POST /api/v1/suppressions/" + approved.id() + "/publish)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Publication.failed("not published: interrupted");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("change", approved.id().toString());
    details.put("rule", suppression.rule().orElse("*"));
    details.put("caseKey", suppression.caseKey());
    details.put("from", suppression.from().toString());
    details.put("until", suppression.until().toString());
    details.put("approvedBy", approver.value());
    details.put("topic", topic);
    details.put("partition", written.partition());
    details.put("offset", written.offset());
    context.store().inTransaction(tx -> tx.audit().append(CallerPrincipals.SYSTEM.value(), "suppression.on-topic",
        approved.subject().toString(), details));
    return new Publication(true, SuppressionView.describe(suppression) + " is on " + topic + " (offset " + written.offset()
        + "); the detection topology applies it by event time until " + suppression.until(), false,
        "no access rules derive from a suppression");
  }

  /**
   * Revocation takes effect here first: the record again, now with {@code revokedAt} (same key, so the compacted topic
   * keeps only it), and the topology stops suppressing findings whose event time is at or after it — live at once,
   * and in any replay the same way. The machine stores REVOKED only after this returns; when the broker does not take
   * the record this throws (503) and the suppression stays in force as it was, so REVOKED in the catalog always means
   * revoked on the topic.
   */
  @Override
  public void revoke(ChangeRequest inForce, PrincipalName actor, java.time.Instant revokedAt) {
    Suppression suppression = Suppression.of(inForce);
    Optional<Properties> settings = kafka.clientSettings();
    if (settings.isEmpty()) {
      throw new ServiceUnavailableException("Not revoked: Kafka is not configured (mesh.governance.kafka.bootstrap-servers),"
          + " so the detection topology cannot receive the revocation; suppression %s stays %s", inForce.id(), inForce.state());
    }
    RecordMetadata written;
    try {
      ensureTopic(settings.get());
      written = producer(settings.get()).send(new ProducerRecord<>(topic, inForce.id().toString(),
          suppression.toTopicRecord(inForce.id(), revokedAt))).get(15, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      LOG.errorf("Revocation of suppression %s not written to %s: %s", inForce.id(), topic, cause.toString());
      throw new ServiceUnavailableException("Not revoked: the revocation could not be written to %s (%s); suppression %s"
          + " stays %s, retry", topic, cause.getMessage(), inForce.id(), inForce.state());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("Not revoked: interrupted");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("change", inForce.id().toString());
    details.put("revokedAt", revokedAt.toString());
    details.put("revokedBy", actor.value());
    details.put("topic", topic);
    details.put("partition", written.partition());
    details.put("offset", written.offset());
    context.store().inTransaction(tx -> tx.audit().append(CallerPrincipals.SYSTEM.value(), "suppression.revocation-on-topic",
        inForce.subject().toString(), details));
  }

  private KafkaProducer<String, byte[]> producer(Properties settings) {
    if (producer == null) {
      synchronized (this) {
        if (producer == null) {
          Properties properties = new Properties();
          properties.putAll(settings);
          properties.put(ProducerConfig.CLIENT_ID_CONFIG, "catalog-service-suppressions");
          properties.put(ProducerConfig.ACKS_CONFIG, "all");
          properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
          properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
          properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "12000");
          properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
          properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
          producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        }
      }
    }
    return producer;
  }

  /** Compacted, one partition (few records; one order): the latest record per suppression id is kept for ever. */
  private void ensureTopic(Properties settings) throws ExecutionException, TimeoutException, InterruptedException {
    Properties properties = new Properties();
    properties.putAll(settings);
    // both: the admin client refuses to start with an API timeout below the request timeout (default 30 s)
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    try (Admin admin = Admin.create(properties)) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
          .all().get(5, TimeUnit.SECONDS);
      LOG.infof("Created compacted Kafka topic %s", topic);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  @jakarta.annotation.PreDestroy
  void close() {
    if (producer != null) {
      producer.close(java.time.Duration.ofSeconds(5));
    }
  }
}

package org.dnsmesh.products.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.productkit.transport.TopicName;

/**
 * A product's topic and its dead-letter topic, created when missing and ready to produce into: every partition has
 * a leader that answers. Producing right after {@code createTopics} returns meets partitions whose leader is still
 * being elected, and the producer logs a {@code NOT_LEADER_OR_FOLLOWER} warning per retry.
 */
public final class ProductTopics {

  /** Partitions of a product topic created here (its dead-letter topic has one). */
  public static final int PARTITIONS = 3;

  private ProductTopics() {}

  /**
   * Creates what is missing, waits for leaders, and returns how many records the topic already holds (sum of the
   * partitions' end offsets).
   */
  public static long ensure(KafkaClientConfig kafka, TopicName topic, Duration timeout) {
    try (Admin admin = Admin.create(kafka.settings(Map.of(), Map.of()))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      if (!existing.contains(topic.toString())) {
        missing.add(new NewTopic(topic.toString(), PARTITIONS, (short) 1));
      }
      if (!existing.contains(topic.deadLetter().toString())) {
        missing.add(new NewTopic(topic.deadLetter().toString(), 1, (short) 1));
      }
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
            throw e; // created meanwhile by another run: fine
          }
        }
      }
      return awaitLeaders(admin, List.of(topic.toString(), topic.deadLetter().toString()), timeout)
          .getOrDefault(topic.toString(), 0L);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " could not set up topic " + topic + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while setting up topic " + topic, e);
    }
  }

  /**
   * Waits until every partition of {@code topics} has a leader that answers a list-offsets request; returns the
   * records on each topic.
   */
  static Map<String, Long> awaitLeaders(Admin admin, List<String> topics, Duration timeout)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String waitingFor = "";
    while (true) {
      try {
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        List<String> leaderless = new ArrayList<>();
        descriptions.forEach((name, description) -> {
          for (TopicPartitionInfo partition : description.partitions()) {
            if (partition.leader() == null || partition.leader().isEmpty()) {
              leaderless.add(name + "-" + partition.partition());
            }
            latest.put(new TopicPartition(name, partition.partition()), OffsetSpec.latest());
          }
        });
        if (leaderless.isEmpty()) {
          Map<String, Long> records = new LinkedHashMap<>();
          admin.listOffsets(latest).all().get()
              .forEach((tp, offsets) -> records.merge(tp.topic(), offsets.offset(), Long::sum));
          return records;
        }
        waitingFor = "no leader yet for " + leaderless;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof org.apache.kafka.common.errors.RetriableException)) {
          throw e;
        }
        waitingFor = e.getCause().getMessage();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topics " + topics + " not ready within " + timeout.toSeconds() + " s: "
            + waitingFor);
      }
      Thread.sleep(100);
    }
  }
}

package org.dnsmesh.quality.alert;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor owns its alert topic: created with the broker's default partitions and replication when missing
 * (brokers of the mesh do not auto-create topics, and a producer would wait for metadata until its timeout).
 */
public final class AlertTopic {
  private static final Logger LOG = LoggerFactory.getLogger(AlertTopic.class);

  private AlertTopic() {
  }

  /** Creates {@code topic} if missing; a failure is logged (publishing retries every cycle anyway). */
  public static void ensure(String bootstrapServers, String topic, Duration timeout) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
      admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("created alert topic {}", topic);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        LOG.warn("cannot create alert topic {} on {}: {}", topic, bootstrapServers, e.getCause().toString());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("cannot create alert topic {} on {}: {}", topic, bootstrapServers, e.toString());
    }
  }
}

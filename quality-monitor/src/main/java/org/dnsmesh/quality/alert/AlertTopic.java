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
  public static void ensure(Map<String, Object> client, String topic, Duration timeout) {
    Object bootstrapServers = client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    Map<String, Object> settings = new java.util.HashMap<>(client);
    settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    try (Admin admin = Admin.create(settings)) {
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

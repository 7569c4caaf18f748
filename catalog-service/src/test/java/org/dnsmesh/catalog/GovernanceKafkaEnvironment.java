package org.dnsmesh.catalog;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.dnsmesh.infra.stack.EphemeralKafka;

/** A real Kafka broker (from the project's kafka-runtime jars) for the governance events test. */
public class GovernanceKafkaEnvironment implements QuarkusTestResourceLifecycleManager {
  static volatile String bootstrapServers;
  private EphemeralKafka kafka;

  @Override
  public Map<String, String> start() {
    kafka = EphemeralKafka.start(EphemeralKafka.projectHome());
    bootstrapServers = kafka.bootstrapServers();
    return Map.of("mesh.governance.kafka.bootstrap-servers", bootstrapServers);
  }

  @Override
  public void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }
}

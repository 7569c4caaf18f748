package org.dnsmesh.catalog;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.dnsmesh.infra.stack.EphemeralKafka;

/** A real Kafka broker (from the project's kafka-runtime jars) for the governance events test (and the suppressions topic). */
public class GovernanceKafkaEnvironment implements QuarkusTestResourceLifecycleManager {
  /** Client settings of {@code governance}, the policy principal that reads (audits) the governance events. */
  static volatile Map<String, Object> auditorClient;
  /** The broker's admin client settings, to read any topic the catalog writes (the suppressions topic). */
  static volatile Map<String, Object> adminClient;
  private EphemeralKafka kafka;

  @Override
  public Map<String, String> start() {
    kafka = EphemeralKafka.start(EphemeralKafka.projectHome());
    auditorClient = kafka.clientProperties("governance");
    adminClient = kafka.adminProperties();
    return Map.of("mesh.governance.kafka.bootstrap-servers", kafka.bootstrapServers(),
        "mesh.governance.kafka.client-config", kafka.clientConfigFile("catalog-service").toString());
  }

  @Override
  public void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }
}

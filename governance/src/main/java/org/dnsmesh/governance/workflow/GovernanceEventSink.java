package org.dnsmesh.governance.workflow;

/**
 * Where committed workflow events go. The catalog service implements it with a Kafka producer on
 * {@code mesh.governance.events}; governance itself has no Kafka dependency.
 */
@FunctionalInterface
public interface GovernanceEventSink {
  void publish(GovernanceEvent event);

  static GovernanceEventSink discarding() {
    return event -> { };
  }
}

package org.dnsmesh.catalog.governance;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows in {@code /q/health} whether workflow events reach Kafka and whether Trino's rules are regenerated
 * on approval. Always UP: both are optional for serving the catalog; the data says what is missing.
 */
@Readiness
@ApplicationScoped
public class GovernanceHealth implements HealthCheck {
  private final KafkaEventSink events;
  private final AccessRulesWriter rules;
  private final GovernanceConfig config;
  private final GovernanceContext context;

  public GovernanceHealth(KafkaEventSink events, AccessRulesWriter rules, GovernanceConfig config, GovernanceContext context) {
    this.events = events;
    this.rules = rules;
    this.config = config;
    this.context = context;
  }

  @Override
  public HealthCheckResponse call() {
    KafkaEventSink.Status status = events.status();
    HealthCheckResponseBuilder response = HealthCheckResponse.named("governance").up()
        .withData("policy", context.policyLoaded() ? context.policyFile().toString()
            : "NOT LOADED (" + context.policyFile() + "): governance endpoints answer 503")
        .withData("events", status.configured() ? "kafka topic " + status.topic() : "not configured (logged only)")
        .withData("eventsSent", status.sent())
        .withData("eventsFailed", status.failed())
        .withData("trinoRules", config.trinoRulesFile().orElse("not configured (not regenerated)"))
        .withData("lastRulesResult", rules.lastResult());
    if (status.lastError() != null) {
      response.withData("lastEventError", status.lastError());
    }
    return response.build();
  }
}

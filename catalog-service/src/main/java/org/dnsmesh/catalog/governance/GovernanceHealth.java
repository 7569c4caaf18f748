package org.dnsmesh.catalog.governance;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of governance in {@code /q/health}: DOWN until an access policy is loaded (every governance call and
 * every decision would be refused), UP once one is. The data also says whether workflow events reach Kafka and
 * whether Trino's rules are regenerated on approval (both optional for serving the catalog).
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
    HealthCheckResponseBuilder response = HealthCheckResponse.named("governance").status(context.policyLoaded())
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

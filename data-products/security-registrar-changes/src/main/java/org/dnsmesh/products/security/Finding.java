package org.dnsmesh.products.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a rule found, with the event that fired it and its enrichment. The id is a hash of rule, key and triggering
 * event, so a replay of the same events gives the same findings. JSON on the detections and alerts topics.
 *
 * @param caseKey {@code domain:<domain>} or {@code account:<account>} (the case it is bundled into)
 * @param eventTsMillis event time of the triggering event
 * @param event the triggering canonical event (contract column names; {@code event_ts} as ISO-8601)
 * @param suppressedBy id of the suppression rule that matched, or null
 * @param caseId the case it was bundled into (set by the case builder)
 */
public record Finding(String findingId, Rule rule, String caseKey, String domain, String account, String actorId,
    long eventTsMillis, double confidence, Criticality criticality, Severity severity, String owner,
    String businessUnit, String explanation, String triggerEventId, Map<String, Object> event, String suppressedBy,
    String caseId) {

  public Finding {
    Objects.requireNonNull(findingId, "findingId");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(caseKey, "caseKey");
  }

  /** A new finding on {@code trigger}; severity from the asset's criticality and {@code confidence}. */
  public static Finding of(Rule rule, Enriched trigger, double confidence, String explanation) {
    ChangeEvent event = trigger.event();
    String caseKey = switch (rule.scope()) {
      case DOMAIN -> "domain:" + event.domain();
      case ACCOUNT -> "account:" + trigger.account();
    };
    Map<String, Object> row = new LinkedHashMap<>(event.toRow());
    row.put("event_ts", event.eventTs().toString());
    double bounded = Math.min(1.0, Math.max(0.0, confidence));
    return new Finding(Canonicalizer.eventId(rule + "|" + caseKey + "|" + event.eventId()), rule, caseKey,
        event.domain(), trigger.account(), event.actorId(), event.eventTs().toEpochMilli(), bounded,
        trigger.asset().criticality(), Severity.of(trigger.asset().criticality(), bounded), trigger.asset().owner(),
        trigger.asset().businessUnit(), explanation, event.eventId(), row, null, null);
  }

  public Finding suppressed(String suppressionId) {
    return new Finding(findingId, rule, caseKey, domain, account, actorId, eventTsMillis, confidence, criticality,
        severity, owner, businessUnit, explanation, triggerEventId, event, suppressionId, caseId);
  }

  public Finding inCase(String id) {
    return new Finding(findingId, rule, caseKey, domain, account, actorId, eventTsMillis, confidence, criticality,
        severity, owner, businessUnit, explanation, triggerEventId, event, suppressedBy, id);
  }

  public boolean isSuppressed() {
    return suppressedBy != null;
  }
}

package org.dnsmesh.quality.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.dnsmesh.quality.model.CheckKey;
import org.dnsmesh.quality.model.CheckStatus;

/**
 * An alert lifecycle event as published on {@code mesh.quality.alerts}: OPENED when a check starts to
 * breach, RESOLVED when it clears. Both carry the same {@code alertId}.
 */
public record AlertEvent(String alertId, Type type, CheckKey key, CheckStatus status, String summary,
    List<String> findings, Instant openedAt, Instant at) {

  public enum Type {
    OPENED,
    RESOLVED
  }

  public AlertEvent {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(summary, "summary");
    findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(at, "at");
  }
}

package org.dnsmesh.quality.alert;

import java.time.Instant;
import java.util.Objects;
import org.dnsmesh.quality.model.CheckKey;

/** An alert that was published as OPENED and not yet resolved. */
public record OpenAlert(String alertId, CheckKey key, Instant openedAt, String summary) {
  public OpenAlert {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(summary, "summary");
  }
}

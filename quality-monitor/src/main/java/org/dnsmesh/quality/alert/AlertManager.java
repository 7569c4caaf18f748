package org.dnsmesh.quality.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.dnsmesh.quality.model.CheckResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert lifecycle. One open alert per product/table/check: a BREACHED result opens one (unless
 * suppressed), further breaches are de-duplicated, the first OK or AT_RISK result resolves it. ERROR results
 * change nothing (a failing check is not evidence that data recovered). State advances only after the
 * publisher confirmed delivery, so a failed publish is retried next cycle.
 */
public final class AlertManager {
  private static final Logger LOG = LoggerFactory.getLogger(AlertManager.class);

  private final AlertStateStore store;
  private final AlertPublisher publisher;
  /** Newest result time applied per check: a slower loop's older verdict must not undo a newer one. */
  private final java.util.Map<org.dnsmesh.quality.model.CheckKey, Instant> applied = new java.util.HashMap<>();

  public AlertManager(AlertStateStore store, AlertPublisher publisher) {
    this.store = Objects.requireNonNull(store, "store");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  /**
   * Applies one result; returns the event published, if any. Synchronized: the full and the drift loop run on
   * their own threads and may judge the same check; a result older than one already applied is ignored.
   */
  public synchronized Optional<AlertEvent> onResult(CheckResult result) throws Exception {
    Instant at = result.checkedAt();
    Instant newest = applied.get(result.key());
    if (newest != null && at.isBefore(newest)) {
      return Optional.empty();
    }
    Optional<OpenAlert> open = store.openAlert(result.key());
    Optional<AlertEvent> event = decide(result, open, at);
    applied.put(result.key(), at);
    return event;
  }

  private Optional<AlertEvent> decide(CheckResult result, Optional<OpenAlert> open, Instant at) throws Exception {
    return switch (result.status()) {
      case ERROR -> Optional.empty();
      case BREACHED -> {
        if (open.isPresent()) {
          yield Optional.empty();
        }
        Optional<Suppression> suppression = store.suppressions(at).stream()
            .filter(s -> s.covers(result.key(), at)).findFirst();
        if (suppression.isPresent()) {
          LOG.info("breach of {} suppressed until {} ({})", result.key(), suppression.get().until(),
              suppression.get().reason());
          yield Optional.empty();
        }
        AlertEvent event = new AlertEvent(UUID.randomUUID().toString(), AlertEvent.Type.OPENED, result.key(),
            result.status(), result.summary(), result.findings(), at, at);
        publisher.publish(event);
        store.saveOpen(new OpenAlert(event.alertId(), result.key(), at, result.summary()));
        yield Optional.of(event);
      }
      case OK, AT_RISK -> {
        if (open.isEmpty()) {
          yield Optional.empty();
        }
        AlertEvent event = new AlertEvent(open.get().alertId(), AlertEvent.Type.RESOLVED, result.key(),
            result.status(), result.summary(), result.findings(), open.get().openedAt(), at);
        publisher.publish(event);
        store.removeOpen(result.key());
        yield Optional.of(event);
      }
    };
  }

  public List<OpenAlert> openAlerts() {
    return store.openAlerts();
  }

  public void suppress(Suppression suppression) {
    store.addSuppression(suppression);
  }
}

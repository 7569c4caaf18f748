package org.dnsmesh.quality.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dnsmesh.quality.model.CheckKey;

/** Volatile {@link AlertStateStore}: for tests and for running without a database. */
public final class InMemoryAlertStateStore implements AlertStateStore {
  private final Map<CheckKey, OpenAlert> open = new ConcurrentHashMap<>();
  private final List<Suppression> suppressions = new CopyOnWriteArrayList<>();

  @Override
  public Optional<OpenAlert> openAlert(CheckKey key) {
    return Optional.ofNullable(open.get(key));
  }

  @Override
  public List<OpenAlert> openAlerts() {
    return List.copyOf(open.values());
  }

  @Override
  public void saveOpen(OpenAlert alert) {
    open.put(alert.key(), alert);
  }

  @Override
  public void removeOpen(CheckKey key) {
    open.remove(key);
  }

  @Override
  public void addSuppression(Suppression suppression) {
    suppressions.add(suppression);
  }

  @Override
  public List<Suppression> suppressions(Instant at) {
    List<Suppression> active = new ArrayList<>();
    for (Suppression suppression : suppressions) {
      if (!at.isBefore(suppression.from()) && at.isBefore(suppression.until())) {
        active.add(suppression);
      }
    }
    return active;
  }
}

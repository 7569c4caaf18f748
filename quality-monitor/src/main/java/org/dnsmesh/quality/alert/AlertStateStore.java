package org.dnsmesh.quality.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dnsmesh.quality.model.CheckKey;

/** Open alerts and suppressions; persistent in the service so a restart does not re-alert. */
public interface AlertStateStore {
  Optional<OpenAlert> openAlert(CheckKey key);

  List<OpenAlert> openAlerts();

  void saveOpen(OpenAlert alert);

  void removeOpen(CheckKey key);

  void addSuppression(Suppression suppression);

  /** Suppressions active at {@code at}. */
  List<Suppression> suppressions(Instant at);
}

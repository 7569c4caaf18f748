package org.dnsmesh.quality;

import org.dnsmesh.quality.alert.AlertStateStore;
import org.dnsmesh.quality.alert.InMemoryAlertStateStore;

class InMemoryAlertLifecycleTest extends AlertLifecycleContract {
  @Override
  protected AlertStateStore newStore() {
    return new InMemoryAlertStateStore();
  }
}

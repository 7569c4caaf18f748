package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;

import org.dnsmesh.quality.alert.AlertManager;
import org.dnsmesh.quality.alert.AlertStateStore;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.store.JdbcAlertStateStore;
import org.junit.jupiter.api.Test;

class JdbcAlertLifecycleIT extends AlertLifecycleContract {
  @Override
  protected AlertStateStore newStore() {
    return new JdbcAlertStateStore(TestDatabase.migrated());
  }

  @Test
  void aRestartedMonitorDoesNotAlertAgain() throws Exception {
    manager.onResult(result(freshness, CheckStatus.BREACHED, T0));
    AlertManager restarted = new AlertManager(new JdbcAlertStateStore(TestDatabase.dataSource()), publisher);
    restarted.onResult(result(freshness, CheckStatus.BREACHED, T0.plusSeconds(30)));
    assertThat(publisher.events).hasSize(1);
  }
}

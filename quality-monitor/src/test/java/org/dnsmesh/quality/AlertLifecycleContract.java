package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.dnsmesh.quality.alert.AlertEvent;
import org.dnsmesh.quality.alert.AlertManager;
import org.dnsmesh.quality.alert.AlertStateStore;
import org.dnsmesh.quality.alert.Suppression;
import org.dnsmesh.quality.model.CheckKey;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.model.ProductId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alert lifecycle, written once and run against each {@link AlertStateStore} by a one-line subclass. */
abstract class AlertLifecycleContract {
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  protected abstract AlertStateStore newStore();

  AlertStateStore store;
  RecordingPublisher publisher;
  AlertManager manager;
  String product;
  CheckKey freshness;

  @BeforeEach
  void setUp() {
    store = newStore();
    publisher = new RecordingPublisher();
    manager = new AlertManager(store, publisher);
    product = "p-" + UUID.randomUUID();
    freshness = CheckKey.of(product, "dns.queries", "freshness");
  }

  CheckResult result(CheckKey key, CheckStatus status, Instant at) {
    return new CheckResult(key, status, status + " at " + at, Map.of("age", 1.0), List.of("finding"), at);
  }

  @Test
  void oneOpenAlertPerBreachAndAResolveWhenItClears() throws Exception {
    manager.onResult(result(freshness, CheckStatus.OK, T0));
    manager.onResult(result(freshness, CheckStatus.BREACHED, T0.plusSeconds(30)));
    manager.onResult(result(freshness, CheckStatus.BREACHED, T0.plusSeconds(60)));
    manager.onResult(result(freshness, CheckStatus.ERROR, T0.plusSeconds(90)));
    manager.onResult(result(freshness, CheckStatus.BREACHED, T0.plusSeconds(120)));
    assertThat(publisher.events).extracting(AlertEvent::type).containsExactly(AlertEvent.Type.OPENED);
    assertThat(store.openAlert(freshness)).isPresent();

    manager.onResult(result(freshness, CheckStatus.AT_RISK, T0.plusSeconds(150)));
    manager.onResult(result(freshness, CheckStatus.OK, T0.plusSeconds(180)));

    assertThat(publisher.events).extracting(AlertEvent::type)
        .containsExactly(AlertEvent.Type.OPENED, AlertEvent.Type.RESOLVED);
    AlertEvent resolved = publisher.events.get(1);
    assertThat(resolved.alertId()).isEqualTo(publisher.events.get(0).alertId());
    assertThat(resolved.openedAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(store.openAlert(freshness)).isEmpty();
  }

  @Test
  void anOlderVerdictFromTheSlowerLoopDoesNotUndoANewerOne() throws Exception {
    CheckKey drift = CheckKey.of(product, "dns.queries", "schema_drift");
    // the drift loop saw the fix (OK at +5 s) before the full cycle's older BREACHED (+2 s) came in
    manager.onResult(result(drift, CheckStatus.BREACHED, T0));
    manager.onResult(result(drift, CheckStatus.OK, T0.plusSeconds(5)));
    manager.onResult(result(drift, CheckStatus.BREACHED, T0.plusSeconds(2)));
    assertThat(publisher.events).extracting(AlertEvent::type)
        .containsExactly(AlertEvent.Type.OPENED, AlertEvent.Type.RESOLVED);
    assertThat(store.openAlert(drift)).isEmpty();
  }

  @Test
  void differentChecksOfOneTableAlertSeparately() throws Exception {
    CheckKey volume = CheckKey.of(product, "dns.queries", "volume");
    manager.onResult(result(freshness, CheckStatus.BREACHED, T0));
    manager.onResult(result(volume, CheckStatus.BREACHED, T0));
    assertThat(publisher.events).extracting(e -> e.key().check()).containsExactly("freshness", "volume");
  }

  @Test
  void suppressionIsTimeBoxed() throws Exception {
    manager.suppress(new Suppression(new ProductId(product), Optional.empty(), Optional.of("freshness"), T0,
        T0.plus(Duration.ofHours(1)), "planned backfill"));
    manager.onResult(result(freshness, CheckStatus.BREACHED, T0.plusSeconds(60)));
    assertThat(publisher.events).isEmpty();

    manager.onResult(result(freshness, CheckStatus.BREACHED, T0.plus(Duration.ofHours(1))));
    assertThat(publisher.events).singleElement().extracting(AlertEvent::type).isEqualTo(AlertEvent.Type.OPENED);
  }

  @Test
  void aFailedPublishIsRetriedNextCycle() throws Exception {
    publisher.failing = true;
    assertThatThrownBy(() -> manager.onResult(result(freshness, CheckStatus.BREACHED, T0)))
        .hasMessageContaining("broker unavailable");
    assertThat(store.openAlert(freshness)).isEmpty();

    publisher.failing = false;
    manager.onResult(result(freshness, CheckStatus.BREACHED, T0.plusSeconds(30)));
    assertThat(publisher.events).hasSize(1);
  }
}

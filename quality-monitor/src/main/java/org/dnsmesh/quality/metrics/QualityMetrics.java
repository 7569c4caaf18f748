package org.dnsmesh.quality.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.dnsmesh.quality.alert.AlertEvent;
import org.dnsmesh.quality.model.CheckKey;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;

/**
 * The monitor's Micrometer meters, on an injected registry (Prometheus in the service):
 * <ul>
 *   <li>{@code dnsmesh.quality.check.status{product,table,check}}: 0 ok, 1 at risk, 2 breached, -1 error
 *   <li>{@code dnsmesh.quality.measurement{product,table,check,measurement}}: each number a check measured
 *   <li>{@code dnsmesh.quality.check.runs{check,status}}, {@code dnsmesh.quality.alerts{type}}: counters
 *   <li>{@code dnsmesh.quality.cycle.duration}: timer of whole cycles
 *   <li>{@code dnsmesh.quality.monitor.last.cycle.age}: seconds since the last finished cycle (monitor the monitor)
 * </ul>
 */
public final class QualityMetrics {
  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<CheckKey, AtomicLong> statuses = new ConcurrentHashMap<>();
  private final Map<Tags, AtomicReference<Double>> measurements = new ConcurrentHashMap<>();
  private final AtomicLong lastCycleFinishedMillis = new AtomicLong(-1);
  private final Timer cycleTimer;

  public QualityMetrics(MeterRegistry registry, Clock clock) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cycleTimer = Timer.builder("dnsmesh.quality.cycle.duration").description("Duration of one monitoring cycle")
        .register(registry);
    Gauge.builder("dnsmesh.quality.monitor.last.cycle.age", this, QualityMetrics::lastCycleAgeSeconds)
        .description("Seconds since the monitor last finished a cycle; NaN before the first")
        .baseUnit("seconds").register(registry);
  }

  public void record(CheckResult result) {
    CheckKey key = result.key();
    Tags tags = Tags.of("product", key.table().product().value(), "table", key.table().table(), "check", key.check());
    statuses.computeIfAbsent(key, k -> {
      AtomicLong holder = new AtomicLong();
      Gauge.builder("dnsmesh.quality.check.status", holder, AtomicLong::doubleValue)
          .description("Latest status: 0 ok, 1 at risk, 2 breached, -1 error").tags(tags).register(registry);
      return holder;
    }).set(code(result.status()));
    result.measurements().forEach((name, value) -> {
      Tags measurementTags = tags.and("measurement", name);
      measurements.computeIfAbsent(measurementTags, t -> {
        AtomicReference<Double> holder = new AtomicReference<>(Double.NaN);
        Gauge.builder("dnsmesh.quality.measurement", holder, AtomicReference::get).tags(t).register(registry);
        return holder;
      }).set(value);
    });
    Counter.builder("dnsmesh.quality.check.runs").tags("check", key.check(), "status", result.status().name())
        .register(registry).increment();
  }

  public void alert(AlertEvent event) {
    Counter.builder("dnsmesh.quality.alerts").tags("type", event.type().name(), "check", event.key().check())
        .register(registry).increment();
  }

  public void cycleFinished(Duration took) {
    cycleTimer.record(took);
    lastCycleFinishedMillis.set(clock.millis());
  }

  double lastCycleAgeSeconds() {
    long finished = lastCycleFinishedMillis.get();
    return finished < 0 ? Double.NaN : (clock.millis() - finished) / 1000.0;
  }

  private static long code(CheckStatus status) {
    return switch (status) {
      case OK -> 0;
      case AT_RISK -> 1;
      case BREACHED -> 2;
      case ERROR -> -1;
    };
  }
}

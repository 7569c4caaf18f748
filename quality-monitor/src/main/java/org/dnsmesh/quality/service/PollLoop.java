package org.dnsmesh.quality.service;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the monitor's full cycle at a fixed rate, and optionally the drift-only cycle at its own shorter rate,
 * each on its own thread: a slow full cycle (cold Trino, many tables) must not hold back drift
 * detection. Both may judge schema drift; {@code AlertManager} serializes alert decisions and drops the older
 * verdict. A failed cycle is logged and the loop goes on.
 */
public final class PollLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);

  private final QualityMonitor monitor;
  private final Duration interval;
  private final Optional<Duration> driftInterval;
  private final ScheduledExecutorService scheduler = executor("quality-poll");
  private final ScheduledExecutorService driftScheduler = executor("quality-drift");

  private static ScheduledExecutorService executor(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, name);
      thread.setDaemon(false);
      return thread;
    });
  }

  public PollLoop(QualityMonitor monitor, Duration interval, Optional<Duration> driftInterval) {
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.driftInterval = Objects.requireNonNull(driftInterval, "driftInterval");
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("poll interval must be positive, got " + interval);
    }
    driftInterval.ifPresent(d -> {
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("drift poll interval must be positive, got " + d);
      }
    });
  }

  public void start() {
    // fixed rate, not fixed delay: a table is looked at again one interval after the last look, however long
    // the cycle took, so a breach shows within one interval; an overrunning cycle delays the next, never overlaps
    scheduler.scheduleAtFixedRate(this::cycle, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    driftInterval.ifPresent(d -> driftScheduler.scheduleAtFixedRate(this::driftCycle, d.toMillis(), d.toMillis(),
        TimeUnit.MILLISECONDS));
  }

  private void driftCycle() {
    try {
      CycleReport report = monitor.runDriftCycle();
      if (!report.alerts().isEmpty()) {
        LOG.info("drift cycle published {} alert event(s)", report.alerts().size());
      }
    } catch (Throwable e) {
      LOG.error("drift cycle failed", e);
    }
  }

  private void cycle() {
    try {
      CycleReport report = monitor.runCycle();
      LOG.info("cycle checked {} table(s): {} result(s), {} alert event(s), {} error(s)", report.tablesChecked(),
          report.results().size(), report.alerts().size(), report.errors());
    } catch (Throwable e) {
      LOG.error("monitoring cycle failed", e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    monitor.stop();
    for (ScheduledExecutorService executor : java.util.List.of(driftScheduler, scheduler)) {
      executor.shutdown();
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    }
  }
}

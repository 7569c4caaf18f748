package org.dnsmesh.quality.service;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the monitor's cycle with a fixed delay between cycles; a failed cycle is logged and the loop goes on. */
public final class PollLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);

  private final QualityMonitor monitor;
  private final Duration interval;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "quality-poll");
    thread.setDaemon(false);
    return thread;
  });

  public PollLoop(QualityMonitor monitor, Duration interval) {
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.interval = Objects.requireNonNull(interval, "interval");
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("poll interval must be positive, got " + interval);
    }
  }

  public void start() {
    scheduler.scheduleWithFixedDelay(this::cycle, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
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
    scheduler.shutdown();
    if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
      scheduler.shutdownNow();
    }
  }
}

package org.dnsmesh.productkit.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** Prints progress at most once per interval (rows/s, written, quarantined, lag) and the final summary. */
public final class ConsoleProgress implements ProgressListener {

  private final PrintStream out;
  private final String label;
  private final long intervalNanos;
  private long lastPrint = System.nanoTime();

  public ConsoleProgress(PrintStream out, String label, Duration interval) {
    this.out = Objects.requireNonNull(out, "out");
    this.label = Objects.requireNonNull(label, "label");
    this.intervalNanos = interval.toNanos();
  }

  @Override
  public void progress(RunSummary soFar) {
    long now = System.nanoTime();
    if (now - lastPrint < intervalNanos) {
      return;
    }
    lastPrint = now;
    out.printf(Locale.ROOT, "[%s] %,d in  %,d written  %,d quarantined  %,.0f rows/s  lag %,d%n", label, soFar.in(),
        soFar.written(), soFar.quarantined(), soFar.rowsPerSecond(), soFar.lag());
  }

  @Override
  public void finished(RunSummary summary) {
    out.println("[" + label + "] " + summary.describe());
  }
}

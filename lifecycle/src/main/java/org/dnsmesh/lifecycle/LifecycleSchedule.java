package org.dnsmesh.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The lifecycle pass on a fixed schedule, until {@link #stop()}: one round at a time in the calling thread.
 * <ul>
 *   <li>A table is due when the interval has elapsed since the start of the round that last ran it (the round's
 *       start, not the table's, so a slow table earlier in the round does not push the others a round later).
 *       Tables appearing in the contracts are due at the next round.</li>
 *   <li>Rounds never overlap: the next one starts {@code every} after the previous one started, or right after it
 *       ended when it took longer; {@link #runRound} refuses while another round is running.</li>
 *   <li>A failing table is logged and due again at the next round; the others of the round still run.</li>
 *   <li>With a {@link TableCompaction} (CLI {@code --compact}), each due table is compacted right after its retention
 *       pass (after deleting expired rows, so the rewrite does not copy rows about to go). It runs even when retention
 *       failed (the two are independent maintenance); a compaction failure is logged like a retention failure and the
 *       table is compacted again at its next round.</li>
 *   <li>{@link #stop()} (SIGTERM / SIGINT in the CLI) lets the table in progress finish, leaves the rest of the round
 *       for the next start, and ends {@link #run}; a stop while waiting ends the wait at once.</li>
 * </ul>
 * The contracts carry no per-table maintenance cadence, so every table shares the interval. The last runs are held in
 * memory: after a restart every table is due at once (the optional jitter spreads the restarts of several
 * schedulers). The clock and the sleeper are injected so the schedule is tested without waiting.
 */
public final class LifecycleSchedule {
  /** Waits {@code duration}, returning early once {@code stop} is released. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration, CountDownLatch stop) throws InterruptedException;

    /** The real wait: the stop latch with a timeout, so a stop ends the wait at once. */
    Sleeper REAL = (duration, stop) -> stop.await(duration.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** One table's pass; {@link LifecycleRunner#runTable} in the CLI. */
  @FunctionalInterface
  public interface TableWork {
    LifecycleRunner.Outcome run(TableRetention table);
  }

  /** One table's compaction, after its retention pass; {@link TrinoTableMaintenance#compact} in the CLI. */
  @FunctionalInterface
  public interface TableCompaction {
    CompactionReport compact(TableRetention table) throws Exception;
  }

  /**
   * A table's outcome in a round and how long it took (both steps); with compaction, its report or the error that
   * stopped it (both null without compaction).
   */
  public record TableRun(LifecycleRunner.Outcome outcome, Duration took, CompactionReport compaction,
                         String compactionError) {
    public TableRun(LifecycleRunner.Outcome outcome, Duration took) {
      this(outcome, took, null, null);
    }

    /** Retention or compaction failed: either way the table is retried next round. */
    public boolean failed() {
      return outcome.failed() || compactionError != null;
    }
  }

  /**
   * One round: the tables run (in order), those not yet due, those a stop left for the next start, and the error that
   * kept the round from reading its tables (null when it could).
   */
  public record Round(int number, Instant started, Duration took, List<TableRun> runs, List<TrinoTable> notDue,
                      List<TrinoTable> leftByStop, String error) {
    public Round {
      runs = List.copyOf(runs);
      notDue = List.copyOf(notDue);
      leftByStop = List.copyOf(leftByStop);
    }

    public long failed() {
      return runs.stream().filter(TableRun::failed).count();
    }

    /** The log line of the round: tables, what was removed, files before/after compaction (when it ran), duration. */
    public String summary() {
      if (error != null) {
        return String.format(Locale.ROOT, "round %d: could not read the tables (%s); retried next round", number,
            error);
      }
      List<TableReport> reports = runs.stream().map(r -> r.outcome().report()).filter(Objects::nonNull).toList();
      List<CompactionReport> compactions = runs.stream().map(TableRun::compaction).filter(Objects::nonNull).toList();
      String compacted = compactions.isEmpty() && runs.stream().allMatch(r -> r.compactionError() == null) ? ""
          : String.format(Locale.ROOT, "; compacted %d table(s), data files %d->%d, manifests %d->%d",
              compactions.size(), compactions.stream().mapToLong(CompactionReport::dataFilesBefore).sum(),
              compactions.stream().mapToLong(CompactionReport::dataFilesAfter).sum(),
              compactions.stream().mapToLong(CompactionReport::manifestsBefore).sum(),
              compactions.stream().mapToLong(CompactionReport::manifestsAfter).sum());
      return String.format(Locale.ROOT,
          "round %d: %d table(s) due, %d done, %d failed (retried next round), %d not due, %d left by stop;"
              + " expired rows %d, rows removed %d, snapshots removed %d, data files %d->%d, orphan files removed %d"
              + "%s; took %.1f s",
          number, runs.size() + leftByStop.size(), runs.size() - failed(), failed(), notDue.size(), leftByStop.size(),
          reports.stream().mapToLong(TableReport::expiredRows).sum(),
          reports.stream().mapToLong(TableReport::rowsRemoved).sum(),
          reports.stream().mapToLong(TableReport::snapshotsRemoved).sum(),
          reports.stream().mapToLong(TableReport::dataFilesBefore).sum(),
          reports.stream().mapToLong(TableReport::dataFilesAfter).sum(),
          reports.stream().mapToLong(r -> Math.max(0, r.orphanFilesRemoved())).sum(), compacted,
          took.toMillis() / 1000.0);
    }
  }

  private final Duration every;
  private final Duration jitter;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final Consumer<String> log;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final ReentrantLock roundLock = new ReentrantLock();
  /** Per table, when it is next due: the start of the round that last ran it (or tried to) plus the interval. */
  private final Map<TrinoTable, Instant> nextDue = new ConcurrentHashMap<>();
  private int rounds;

  public LifecycleSchedule(Duration every, Duration jitter, Clock clock, Sleeper sleeper, RandomGenerator random,
                           Consumer<String> log) {
    this.every = Objects.requireNonNull(every, "every");
    this.jitter = Objects.requireNonNull(jitter, "jitter");
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("the interval must be positive, was " + every);
    }
    if (jitter.isNegative()) {
      throw new IllegalArgumentException("the jitter must not be negative, was " + jitter);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
    this.log = Objects.requireNonNull(log, "log");
  }

  /** An interval as {@code --every} takes it: {@code 1h}, {@code 24h}, {@code 30m}, {@code 1d}, {@code PT6H}, {@code P1D}. */
  public static Duration interval(String text, String what) {
    Duration duration = RetentionPolicies.duration(text, what);
    if (duration.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + text);
    }
    return duration;
  }

  /** Asks the schedule to end: the table in progress finishes, a wait ends at once. Safe from any thread. */
  public void stop() {
    stop.countDown();
  }

  public boolean stopped() {
    return stop.getCount() == 0;
  }

  /** Whether {@code table} is due at {@code now}: never run here, or the interval elapsed since its last round. */
  public boolean due(TrinoTable table, Instant now) {
    Instant next = nextDue.get(table);
    return next == null || !now.isBefore(next);
  }

  /** Rounds until stopped (retention only); returns how many ran. */
  public int run(Supplier<List<TableRetention>> tables, TableWork work) {
    return run(tables, work, null);
  }

  /** Rounds until stopped, each due table's retention then its compaction (none when null); returns how many ran. */
  public int run(Supplier<List<TableRetention>> tables, TableWork work, TableCompaction compaction) {
    try {
      if (!jitter.isZero()) {
        Duration wait = Duration.ofMillis(random.nextLong(jitter.toMillis() + 1));
        log.accept("first round in " + seconds(wait) + " (jitter up to " + jitter + ")");
        sleeper.sleep(wait, stop);
      }
      while (!stopped()) {
        Optional<Round> ran = runRound(tables, work, compaction);
        if (stopped()) {
          break;
        }
        if (ran.isEmpty()) {
          sleeper.sleep(every, stop);
          continue;
        }
        Instant next = ran.get().started().plus(every);
        Duration wait = Duration.between(clock.instant(), next);
        if (wait.isNegative() || wait.isZero()) {
          log.accept("round " + ran.get().number() + " took " + seconds(ran.get().took()) + ", longer than the interval "
              + every + ": the next round starts now (rounds never overlap)");
        } else {
          log.accept("next round at " + next);
          sleeper.sleep(wait, stop);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.accept("interrupted: stopping");
    }
    log.accept("stopped after " + rounds + " round(s)");
    return rounds;
  }

  /**
   * One round now: every due table in order, each failure logged and left due for the next round; empty when another
   * round is running (rounds never overlap).
   */
  public Optional<Round> runRound(Supplier<List<TableRetention>> tables, TableWork work) {
    return runRound(tables, work, null);
  }

  /** One round now, each due table's retention then its compaction (none when {@code compaction} is null). */
  public Optional<Round> runRound(Supplier<List<TableRetention>> tables, TableWork work, TableCompaction compaction) {
    if (!roundLock.tryLock()) {
      log.accept("a round is already running: this one is skipped (rounds never overlap)");
      return Optional.empty();
    }
    try {
      int number = ++rounds;
      Instant started = clock.instant();
      List<TableRetention> all;
      try {
        all = tables.get();
      } catch (RuntimeException e) {
        Round round = new Round(number, started, Duration.between(started, clock.instant()), List.of(), List.of(),
            List.of(), e.getMessage());
        log.accept(round.summary());
        return Optional.of(round);
      }
      List<TableRun> runs = new ArrayList<>();
      List<TrinoTable> notDue = new ArrayList<>();
      List<TrinoTable> leftByStop = new ArrayList<>();
      for (TableRetention table : all) {
        if (!due(table.table(), started)) {
          notDue.add(table.table());
        } else if (stopped()) {
          leftByStop.add(table.table());
        } else {
          TableRun run = runTable(table, work, compaction);
          runs.add(run);
          nextDue.put(table.table(), started.plus(every));
          log.accept(line(run));
          if (run.compaction() != null || run.compactionError() != null) {
            log.accept(compactionLine(table.table(), run));
          }
        }
      }
      Round round = new Round(number, started, Duration.between(started, clock.instant()), runs, notDue, leftByStop,
          null);
      log.accept(round.summary());
      return Optional.of(round);
    } finally {
      roundLock.unlock();
    }
  }

  private TableRun runTable(TableRetention table, TableWork work, TableCompaction compaction) {
    Instant began = clock.instant();
    LifecycleRunner.Outcome outcome;
    try {
      outcome = work.run(table);
    } catch (RuntimeException e) {
      // the runner reports failures as outcomes; anything else thrown still must not end the round
      outcome = new LifecycleRunner.Outcome(table, null, null, String.valueOf(e.getMessage()), -1);
    }
    CompactionReport compacted = null;
    String compactionError = null;
    if (compaction != null) {
      try {
        compacted = compaction.compact(table);
      } catch (Exception e) {
        // as for retention: logged, the table compacted again next round, the round goes on
        compactionError = String.valueOf(e.getMessage());
      }
    }
    return new TableRun(outcome, Duration.between(began, clock.instant()), compacted, compactionError);
  }

  private static String compactionLine(TrinoTable table, TableRun run) {
    if (run.compactionError() != null) {
      return String.format(Locale.ROOT, "  %s compaction FAILED: %s (retried next round)", table, run.compactionError());
    }
    CompactionReport c = run.compaction();
    return String.format(Locale.ROOT, "  %s compacted: data files %d->%d, max files/partition %d->%d, manifests %d->%d,"
            + " rows %d", table, c.dataFilesBefore(), c.dataFilesAfter(), c.maxFilesPerPartitionBefore(),
        c.maxFilesPerPartitionAfter(), c.manifestsBefore(), c.manifestsAfter(), c.rowsAfter());
  }

  private static String line(TableRun run) {
    LifecycleRunner.Outcome outcome = run.outcome();
    if (outcome.failed()) {
      return String.format(Locale.ROOT, "  %s FAILED after %s: %s (retried next round)", outcome.retention().table(),
          seconds(run.took()), outcome.error());
    }
    TableReport r = outcome.report();
    return String.format(Locale.ROOT, "  %s%s cutoff %s: expired %d, rows removed %d, snapshots %d->%d, data files"
            + " %d->%d, orphans %s; %s", r.table(), r.dryRun() ? " (dry run)" : "", r.cutoff(), r.expiredRows(),
        r.rowsRemoved(), r.snapshotsBefore(), r.snapshotsAfter(), r.dataFilesBefore(), r.dataFilesAfter(),
        r.orphanFilesRemoved() < 0 ? "?" : Long.toString(r.orphanFilesRemoved()), seconds(run.took()));
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}

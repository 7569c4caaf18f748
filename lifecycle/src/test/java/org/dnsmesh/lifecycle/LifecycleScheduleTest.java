package org.dnsmesh.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The schedule with a clock the test moves: a table's work advances it by how long the table "takes", the sleeper by
 * the wait asked for, so hours of schedule run in milliseconds. The work is the test's own function (the real one,
 * {@link LifecycleRunner#runTable}, runs against the real stack in e2e's LifecycleIT).
 */
// a schedule that never stops must fail the test, not hang the build
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LifecycleScheduleTest {
  private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  /** A clock only the test moves. */
  static final class TestClock extends Clock {
    private Instant now;

    TestClock(Instant now) {
      this.now = now;
    }

    synchronized void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private final TestClock clock = new TestClock(T0);
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  /** Each table run: (table, clock at its start). */
  private final List<Map.Entry<String, Instant>> ran = Collections.synchronizedList(new ArrayList<>());

  private static TableRetention table(String name) {
    return new TableRetention(new TrinoTable("na", "na", name), "event_ts", Duration.ofDays(30), Duration.ofDays(7),
        ChronoUnit.DAYS, "1.0.0", "table retention 30d");
  }

  private static final List<TableRetention> TABLES = List.of(table("a"), table("b"), table("c"));

  private static LifecycleRunner.Outcome done(TableRetention t, Instant now, long rowsRemoved) {
    TableReport report = new TableReport(t.table(), t.rule(), t.contractVersion(), t.cutoff(now), t.snapshotCutoff(now),
        false, 100, rowsRemoved, 100 - rowsRemoved, 3, 1, 2, 10, 4, 0);
    return new LifecycleRunner.Outcome(t, null, report, null, 1);
  }

  /** Work that takes {@code took} of the test clock per table, removes 10 rows, and fails where {@code fails} says. */
  private LifecycleSchedule.TableWork work(Duration took, Function<String, Boolean> fails) {
    return t -> {
      Instant start = clock.instant();
      ran.add(Map.entry(t.table().table(), start));
      clock.advance(took);
      if (fails.apply(t.table().table())) {
        throw new IllegalStateException("Trino refused " + t.table());
      }
      return done(t, start, 10);
    };
  }

  /** A sleeper that moves the clock and records the waits; stops the schedule after {@code rounds} waits. */
  private LifecycleSchedule.Sleeper sleeper(List<Duration> waits, int stopAfter, LifecycleSchedule[] schedule) {
    return (duration, stop) -> {
      waits.add(duration);
      clock.advance(duration);
      if (waits.size() >= stopAfter) {
        schedule[0].stop();
      }
    };
  }

  private LifecycleSchedule schedule(Duration every, Duration jitter, LifecycleSchedule.Sleeper sleeper) {
    return new LifecycleSchedule(every, jitter, clock, sleeper, RandomGenerator.of("L64X128MixRandom"), log::add);
  }

  private List<Instant> startsOf(String table) {
    return ran.stream().filter(e -> e.getKey().equals(table)).map(Map.Entry::getValue).toList();
  }

  @Test
  void aTableIsDueWhenTheIntervalElapsedSinceTheStartOfTheRoundThatRanIt() {
    LifecycleSchedule schedule = schedule(HOUR, Duration.ZERO, LifecycleSchedule.Sleeper.REAL);
    TrinoTable a = table("a").table();
    assertThat(schedule.due(a, T0)).as("never run: due at once").isTrue();

    // each table takes 10 minutes: c starts at T0+20min, yet is due again at T0+1h like a
    schedule.runRound(() -> TABLES, work(Duration.ofMinutes(10), name -> false));
    for (TableRetention t : TABLES) {
      assertThat(schedule.due(t.table(), T0.plus(HOUR).minusSeconds(1))).as(t + " one second early").isFalse();
      assertThat(schedule.due(t.table(), T0.plus(HOUR))).as(t + " at the interval").isTrue();
    }
    assertThat(schedule.due(table("new").table(), clock.instant())).as("a table new in the contracts").isTrue();

    // a round at T0+30min runs nothing and lists the three as not due; a table new in the contracts runs
    List<TableRetention> withNew = List.of(table("a"), table("b"), table("c"), table("new"));
    LifecycleSchedule.Round second = schedule.runRound(() -> withNew, work(Duration.ofMinutes(1), name -> false))
        .orElseThrow();
    assertThat(second.runs()).extracting(r -> r.outcome().retention().table().table()).containsExactly("new");
    assertThat(second.notDue()).containsExactly(table("a").table(), table("b").table(), table("c").table());
    assertThat(startsOf("a")).containsExactly(T0);
  }

  @Test
  void roundsStartEveryIntervalFromTheirStartAndLogTablesRowsAndDuration() {
    List<Duration> waits = new ArrayList<>();
    LifecycleSchedule[] holder = new LifecycleSchedule[1];
    holder[0] = schedule(HOUR, Duration.ZERO, sleeper(waits, 3, holder));

    int rounds = holder[0].run(() -> TABLES, work(Duration.ofMinutes(5), name -> false));

    assertThat(rounds).isEqualTo(3);
    // a: first in each round, rounds at T0, T0+1h, T0+2h; b 5 minutes later, c 10 minutes later
    assertThat(startsOf("a")).containsExactly(T0, T0.plus(HOUR), T0.plus(HOUR.multipliedBy(2)));
    assertThat(startsOf("c")).containsExactly(T0.plusSeconds(600), T0.plus(HOUR).plusSeconds(600),
        T0.plus(HOUR.multipliedBy(2)).plusSeconds(600));
    assertThat(waits).containsExactly(Duration.ofMinutes(45), Duration.ofMinutes(45), Duration.ofMinutes(45));
    assertThat(log).contains("round 1: 3 table(s) due, 3 done, 0 failed (retried next round), 0 not due, 0 left by stop;"
        + " expired rows 30, rows removed 30, snapshots removed 3, data files 30->12, orphan files removed 0;"
        + " took 900.0 s");
    assertThat(log).anyMatch(line -> line.startsWith("  na.na.b cutoff 2026-11-07T00:00:00Z")
        && line.contains("rows removed 10") && line.endsWith("300.0 s"));
    assertThat(log.getLast()).isEqualTo("stopped after 3 round(s)");
  }

  @Test
  void aRoundLongerThanTheIntervalIsFollowedNotOverlapped() {
    List<Duration> waits = new ArrayList<>();
    LifecycleSchedule[] holder = new LifecycleSchedule[1];
    holder[0] = schedule(HOUR, Duration.ZERO, sleeper(waits, 1, holder));
    AtomicInteger roundsStarted = new AtomicInteger();
    // round 1 takes 3 x 30 min = 90 min > 1 h; round 2 (1 min a table) then waits, and the sleeper stops it there
    LifecycleSchedule.TableWork slow = work(Duration.ofMinutes(30), name -> false);
    LifecycleSchedule.TableWork quick = work(Duration.ofMinutes(1), name -> false);
    holder[0].run(() -> {
      roundsStarted.incrementAndGet();
      return TABLES;
    }, t -> roundsStarted.get() == 1 ? slow.run(t) : quick.run(t));

    assertThat(roundsStarted).hasValue(2);
    Instant secondRound = T0.plus(Duration.ofMinutes(90));
    assertThat(startsOf("a")).containsExactly(T0, secondRound);
    // each table run starts only after the previous one ended: never two at once
    List<Instant> all = ran.stream().map(Map.Entry::getValue).toList();
    for (int i = 1; i < all.size(); i++) {
      assertThat(Duration.between(all.get(i - 1), all.get(i))).isGreaterThanOrEqualTo(Duration.ofMinutes(i <= 3 ? 30 : 1));
    }
    assertThat(waits).containsExactly(Duration.between(secondRound.plusSeconds(180), secondRound.plus(HOUR)));
    assertThat(log).anyMatch(l -> l.contains("longer than the interval") && l.contains("rounds never overlap"));
  }

  @Test
  void aSecondRoundIsRefusedWhileOneIsRunning() throws Exception {
    LifecycleSchedule schedule = schedule(HOUR, Duration.ZERO, LifecycleSchedule.Sleeper.REAL);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    LifecycleSchedule.TableWork blocking = t -> {
      most.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
      inside.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      concurrent.decrementAndGet();
      return done(t, T0, 0);
    };
    Thread first = Thread.ofPlatform().start(() -> schedule.runRound(() -> List.of(table("a")), blocking));
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

    Optional<LifecycleSchedule.Round> second = schedule.runRound(() -> List.of(table("b")), blocking);

    release.countDown();
    first.join(10_000);
    assertThat(second).isEmpty();
    assertThat(most).hasValue(1);
    assertThat(log).contains("a round is already running: this one is skipped (rounds never overlap)");
  }

  @Test
  void aFailingTableDoesNotStopTheRoundAndIsRetriedNextRound() {
    List<Duration> waits = new ArrayList<>();
    LifecycleSchedule[] holder = new LifecycleSchedule[1];
    holder[0] = schedule(HOUR, Duration.ZERO, sleeper(waits, 2, holder));
    AtomicInteger bAttempts = new AtomicInteger();
    // b fails in round 1 only (Trino refused), its neighbours run in both rounds
    holder[0].run(() -> TABLES, work(Duration.ofMinutes(1), name -> name.equals("b") && bAttempts.incrementAndGet() == 1));

    assertThat(startsOf("a")).hasSize(2);
    assertThat(startsOf("b")).containsExactly(T0.plusSeconds(60), T0.plus(HOUR).plusSeconds(60));
    assertThat(startsOf("c")).hasSize(2);
    assertThat(log).contains("  na.na.b FAILED after 60.0 s: Trino refused na.na.b (retried next round)");
    assertThat(log).anyMatch(l -> l.startsWith("round 1: 3 table(s) due, 2 done, 1 failed"));
    assertThat(log).anyMatch(l -> l.startsWith("round 2: 3 table(s) due, 3 done, 0 failed"));
  }

  /** Compaction that takes a minute, halves 10 data files and 4 manifests, and fails where {@code fails} says. */
  private LifecycleSchedule.TableCompaction compaction(List<String> steps, Function<String, Boolean> fails) {
    return t -> {
      steps.add("compact " + t.table().table());
      clock.advance(Duration.ofMinutes(1));
      if (fails.apply(t.table().table())) {
        throw new java.sql.SQLException("optimize of " + t.table() + " conflicted");
      }
      return new CompactionReport(t.table(), 90, 90, 10, 5, 6, 2, 4, 1);
    };
  }

  /** Retention work that records its step in {@code steps} before the usual work. */
  private LifecycleSchedule.TableWork recorded(List<String> steps, LifecycleSchedule.TableWork work) {
    return t -> {
      steps.add("retention " + t.table().table());
      return work.run(t);
    };
  }

  @Test
  void withCompactionEachDueTableHasItsRetentionThenItsCompactionAndTheRoundLogsTheFiles() {
    List<String> steps = new ArrayList<>();
    LifecycleSchedule schedule = schedule(HOUR, Duration.ZERO, LifecycleSchedule.Sleeper.REAL);

    LifecycleSchedule.Round round = schedule.runRound(() -> TABLES,
        recorded(steps, work(Duration.ofMinutes(5), name -> false)), compaction(steps, name -> false)).orElseThrow();

    assertThat(steps).containsExactly("retention a", "compact a", "retention b", "compact b", "retention c",
        "compact c");
    // b's retention starts after a's retention (5 min) and compaction (1 min); its run lasts both steps
    assertThat(startsOf("b")).containsExactly(T0.plus(Duration.ofMinutes(6)));
    assertThat(round.runs()).allSatisfy(r -> {
      assertThat(r.took()).isEqualTo(Duration.ofMinutes(6));
      assertThat(r.compaction().dataFilesAfter()).isEqualTo(5);
    });
    assertThat(log).contains("  na.na.b compacted: data files 10->5, max files/partition 6->2, manifests 4->1, rows 90");
    // retention: 3 x (10 -> 4) data files; compaction: 3 x (10 -> 5) data files, 3 x (4 -> 1) manifests
    assertThat(log).contains("round 1: 3 table(s) due, 3 done, 0 failed (retried next round), 0 not due, 0 left by stop;"
        + " expired rows 30, rows removed 30, snapshots removed 3, data files 30->12, orphan files removed 0;"
        + " compacted 3 table(s), data files 30->15, manifests 12->3; took 1080.0 s");
  }

  @Test
  void aFailedCompactionDoesNotStopTheRoundAndIsRetriedNextRound() {
    List<String> steps = new ArrayList<>();
    List<Duration> waits = new ArrayList<>();
    LifecycleSchedule[] holder = new LifecycleSchedule[1];
    holder[0] = schedule(HOUR, Duration.ZERO, sleeper(waits, 2, holder));
    AtomicInteger bCompactions = new AtomicInteger();

    holder[0].run(() -> TABLES, recorded(steps, work(Duration.ofMinutes(1), name -> false)),
        compaction(steps, name -> name.equals("b") && bCompactions.incrementAndGet() == 1));

    assertThat(steps).containsExactly(
        "retention a", "compact a", "retention b", "compact b", "retention c", "compact c",
        "retention a", "compact a", "retention b", "compact b", "retention c", "compact c");
    assertThat(bCompactions).hasValue(2);
    assertThat(log).contains("  na.na.b compaction FAILED: optimize of na.na.b conflicted (retried next round)");
    // b's retention itself succeeded and is logged as such
    assertThat(log).anyMatch(l -> l.startsWith("  na.na.b cutoff") && l.contains("rows removed 10"));
    assertThat(log).anyMatch(l -> l.startsWith("round 1: 3 table(s) due, 2 done, 1 failed")
        && l.contains("compacted 2 table(s), data files 20->10, manifests 8->2"));
    assertThat(log).anyMatch(l -> l.startsWith("round 2: 3 table(s) due, 3 done, 0 failed")
        && l.contains("compacted 3 table(s)"));
  }

  @Test
  void aFailedRetentionStillLetsTheTableBeCompacted() {
    List<String> steps = new ArrayList<>();
    LifecycleSchedule schedule = schedule(HOUR, Duration.ZERO, LifecycleSchedule.Sleeper.REAL);

    LifecycleSchedule.Round round = schedule.runRound(() -> TABLES,
        recorded(steps, work(Duration.ofMinutes(1), name -> name.equals("a"))), compaction(steps, name -> false))
        .orElseThrow();

    assertThat(steps).containsExactly("retention a", "compact a", "retention b", "compact b", "retention c",
        "compact c");
    assertThat(round.failed()).isEqualTo(1);
    assertThat(round.runs().getFirst().compaction()).isNotNull();
  }

  @Test
  void withoutCompactionNothingIsCompactedAndTheRoundLineSaysNothingOfIt() {
    List<String> steps = new ArrayList<>();
    LifecycleSchedule schedule = schedule(HOUR, Duration.ZERO, LifecycleSchedule.Sleeper.REAL);

    LifecycleSchedule.Round round = schedule.runRound(() -> TABLES,
        recorded(steps, work(Duration.ofMinutes(1), name -> false)), null).orElseThrow();

    assertThat(steps).containsExactly("retention a", "retention b", "retention c");
    assertThat(round.runs()).allSatisfy(r -> assertThat(r.compaction()).isNull());
    assertThat(log).noneMatch(l -> l.contains("compact"));
  }

  @Test
  void aRoundThatCannotReadItsTablesIsLoggedAndTheNextOneRuns() {
    List<Duration> waits = new ArrayList<>();
    LifecycleSchedule[] holder = new LifecycleSchedule[1];
    holder[0] = schedule(HOUR, Duration.ZERO, sleeper(waits, 2, holder));
    AtomicInteger reads = new AtomicInteger();
    holder[0].run(() -> {
      if (reads.incrementAndGet() == 1) {
        throw new IllegalArgumentException("contract na: retention 'soon' is not a duration");
      }
      return TABLES;
    }, work(Duration.ofMinutes(1), name -> false));

    assertThat(log).contains("round 1: could not read the tables (contract na: retention 'soon' is not a duration);"
        + " retried next round");
    assertThat(startsOf("a")).containsExactly(T0.plus(HOUR));
  }

  @Test
  void aStopFinishesTheTableInProgressAndLeavesTheRestOfTheRound() {
    List<Duration> waits = new ArrayList<>();
    LifecycleSchedule[] holder = new LifecycleSchedule[1];
    holder[0] = schedule(HOUR, Duration.ZERO, sleeper(waits, 100, holder));
    List<String> finished = new ArrayList<>();
    // the signal arrives while a is being maintained: a still completes (and is reported done), b and c do not start
    LifecycleSchedule.TableWork work = t -> {
      ran.add(Map.entry(t.table().table(), clock.instant()));
      if (t.table().table().equals("a")) {
        holder[0].stop();
      }
      clock.advance(Duration.ofMinutes(2));
      finished.add(t.table().table());
      return done(t, T0, 10);
    };

    int rounds = holder[0].run(() -> TABLES, work);

    assertThat(rounds).isEqualTo(1);
    assertThat(finished).containsExactly("a");
    assertThat(waits).as("no wait after a stop").isEmpty();
    assertThat(log).anyMatch(l -> l.startsWith("  na.na.a cutoff") && l.contains("rows removed 10"));
    assertThat(log).anyMatch(l -> l.startsWith("round 1: 3 table(s) due, 1 done, 0 failed (retried next round), 0 not due,"
        + " 2 left by stop"));
    assertThat(log.getLast()).isEqualTo("stopped after 1 round(s)");
  }

  @Test
  void aStopDuringTheWaitEndsTheWaitAtOnce() throws Exception {
    // the real sleeper: without the stop, the schedule would wait an hour before round 2
    LifecycleSchedule schedule = new LifecycleSchedule(HOUR, Duration.ZERO, Clock.systemUTC(),
        LifecycleSchedule.Sleeper.REAL, RandomGenerator.of("L64X128MixRandom"), log::add);
    AtomicInteger rounds = new AtomicInteger();
    Thread runner = Thread.ofPlatform().start(() -> rounds.set(schedule.run(() -> List.of(table("a")),
        t -> done(t, T0, 0))));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (log.stream().noneMatch(l -> l.startsWith("next round at")) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    long stoppedAt = System.nanoTime();
    schedule.stop();
    runner.join(10_000);

    assertThat(runner.isAlive()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(5));
    assertThat(rounds).hasValue(1);
  }

  @Test
  void theFirstRoundWaitsAJitterWithinTheBound() {
    List<Duration> waits = new ArrayList<>();
    LifecycleSchedule[] holder = new LifecycleSchedule[1];
    Duration jitter = Duration.ofMinutes(10);
    holder[0] = schedule(HOUR, jitter, sleeper(waits, 2, holder));

    holder[0].run(() -> List.of(table("a")), work(Duration.ofMinutes(1), name -> false));

    Duration first = waits.getFirst();
    assertThat(first).isBetween(Duration.ZERO, jitter);
    assertThat(startsOf("a")).containsExactly(T0.plus(first));
  }

  @Test
  void intervalsParseLikeTheContractsDurationsAndNonsenseIsRefusedByName() {
    assertThat(LifecycleSchedule.interval("1h", "--every")).isEqualTo(HOUR);
    assertThat(LifecycleSchedule.interval("24h", "--every")).isEqualTo(Duration.ofDays(1));
    assertThat(LifecycleSchedule.interval("PT30M", "--every")).isEqualTo(Duration.ofMinutes(30));
    assertThat(LifecycleSchedule.interval("P1D", "--every")).isEqualTo(Duration.ofDays(1));
    assertThatThrownBy(() -> LifecycleSchedule.interval("hourly", "--every"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--every").hasMessageContaining("hourly");
    assertThatThrownBy(() -> LifecycleSchedule.interval("0h", "--every"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--every must be positive");
    assertThatThrownBy(() -> schedule(Duration.ZERO, Duration.ZERO, LifecycleSchedule.Sleeper.REAL))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package org.dnsmesh.infra.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dnsmesh.lifecycle.LifecycleRunner;
import org.dnsmesh.lifecycle.LifecycleSchedule;
import org.dnsmesh.lifecycle.TableReport;
import org.dnsmesh.lifecycle.TableRetention;
import org.dnsmesh.lifecycle.TrinoTable;

/**
 * A child JVM for {@link LifecycleCommandTest}: the CLI's scheduled run ({@code LifecycleCommand.Run.untilStopped})
 * over three tables whose work takes {@code args[0]} ms each, with the real clock and sleeper, until a signal.
 * The work is this test's own (the real pass needs the stack: e2e's LifecycleIT), and it prints when a table starts
 * and ends so the parent sees which table a signal interrupted.
 */
public final class LifecycleScheduleSignalsMain {
  public static void main(String[] args) {
    long millis = Long.parseLong(args[0]);
    PrintWriter out = new PrintWriter(System.out, true);
    LifecycleSchedule schedule = new LifecycleSchedule(Duration.ofHours(1), Duration.ZERO, Clock.systemUTC(),
        LifecycleSchedule.Sleeper.REAL, RandomGenerator.of("L64X128MixRandom"), line -> {
          synchronized (out) {
            out.println(line);
          }
        });
    List<TableRetention> tables = List.of("a", "b", "c").stream().map(name -> new TableRetention(
        new TrinoTable("na", "na", name), "event_ts", Duration.ofDays(30), Duration.ofDays(7), ChronoUnit.DAYS, "1.0.0",
        "table retention 30d")).toList();
    int code = LifecycleCommand.Run.untilStopped(out, schedule, () -> tables, table -> {
      synchronized (out) {
        out.println("start " + table.table().table());
      }
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new LifecycleRunner.Outcome(table, null, null, "interrupted", -1);
      }
      synchronized (out) {
        out.println("end " + table.table().table());
      }
      java.time.Instant now = Clock.systemUTC().instant();
      return new LifecycleRunner.Outcome(table, null, new TableReport(table.table(), table.rule(),
          table.contractVersion(), table.cutoff(now), table.snapshotCutoff(now), false, 10, 1, 9, 2, 1, 1, 3, 3, 0),
          null, -1);
    });
    System.exit(code);
  }
}

package org.dnsmesh.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `mesh lifecycle` without a stack: help with examples, the schedule's options and signals. Against the real stack the runner is tested by e2e's LifecycleIT. */
class LifecycleCommandTest {

  private static String help(String... command) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = new CommandLine(new MeshCli());
    commandLine.setOut(new PrintWriter(out));
    assertThat(commandLine.execute(command)).isZero();
    return out.toString();
  }

  @Test
  void statusAndRunHaveHelpWithExamples() {
    assertThat(help("--help")).contains("lifecycle");
    assertThat(help("lifecycle", "--help")).contains("status", "run", "mesh lifecycle run --dry-run",
        "maintenance principal");
    assertThat(help("lifecycle", "run", "--help")).contains("--dry-run", "--contract", "--orphan-age", "--as",
        "Exit codes", "Example");
    assertThat(help("lifecycle", "run", "--help")).contains("--every", "--jitter", "mesh lifecycle run --every 1h",
        "SIGTERM", "never overlap");
    assertThat(help("lifecycle", "--help")).contains("mesh lifecycle run --every 1h");
    assertThat(help("lifecycle", "status", "--help")).contains("--contract", "--token", "Example");
    assertThat(help("lifecycle", "compact", "--help")).contains("--small-files", "optimize_manifests", "Example");
    assertThat(help("lifecycle", "versions", "--help")).contains("TABLE", "FOR VERSION AS OF", "Example");
  }

  /** `mesh lifecycle run <args>`, asserting it exits 2 (a usage error); its error output. */
  private static String refusedRun(String... args) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new MeshCli());
    commandLine.setErr(new PrintWriter(err));
    commandLine.setOut(new PrintWriter(new StringWriter()));
    String[] command = java.util.stream.Stream.concat(java.util.stream.Stream.of("lifecycle", "run"),
        java.util.Arrays.stream(args)).toArray(String[]::new);
    assertThat(commandLine.execute(command)).as(String.join(" ", args)).isEqualTo(2);
    return err.toString();
  }

  /** A bad interval is refused before anything connects, naming the option and the value. */
  @Test
  void aScheduleWithANonsenseIntervalIsRefusedByName() {
    for (String[] args : new String[][] {{"--every", "hourly"}, {"--every", "0h"}, {"--every", "1h", "--jitter", "soon"},
        {"--jitter", "5m"}}) {
      String err = refusedRun(args);
      String option = args[args.length - 2];
      assertThat(err).as(String.join(" ", args)).contains(option).contains(args[args.length - 1]);
    }
  }

  @Test
  void runHelpShowsTheScheduledCompaction() {
    String help = help("lifecycle", "run", "--help");
    assertThat(help).contains("--compact", "--small-files", "optimize_manifests", "mesh lifecycle run --every 1h --compact",
        "retried next round");
  }

  /**
   * --compact belongs to the schedule: without --every, with --dry-run (compaction has no dry run), or --small-files
   * without --compact, the command is refused before anything connects, naming the option.
   */
  @Test
  void compactOutsideTheScheduleOrWithADryRunIsRefusedByName() {
    for (String[] args : new String[][] {{"--compact"}, {"--every", "1h", "--compact", "--dry-run"},
        {"--every", "1h", "--small-files", "64MB"}}) {
      String err = refusedRun(args);
      assertThat(err).as(String.join(" ", args))
          .contains(args[args.length - 1].equals("64MB") ? "--small-files 64MB only applies with --compact" : "--compact");
    }
  }

  /** The options parse into the command: --compact and the threshold, the default threshold that of `compact`. */
  @Test
  void compactAndSmallFilesParse() {
    LifecycleCommand.Run run = new LifecycleCommand.Run();
    new CommandLine(run).parseArgs("--every", "1h", "--compact", "--small-files", "64MB");
    assertThat(run.compact).isTrue();
    assertThat(run.threshold).isEqualTo("64MB");
    LifecycleCommand.Run plain = new LifecycleCommand.Run();
    new CommandLine(plain).parseArgs("--every", "1h");
    assertThat(plain.compact).isFalse();
    LifecycleCommand.Compact compact = new LifecycleCommand.Compact();
    new CommandLine(compact).parseArgs();
    assertThat(plain.threshold).isEqualTo(compact.threshold);
  }

  /**
   * The scheduled run with real signals, in a child JVM: SIGTERM while a table is being maintained lets that table
   * finish, starts no other, and exits 0.
   */
  @Test
  void sigtermDuringATableFinishesItStartsNoOtherAndExitsZero() throws Exception {
    Process child = child(1500);
    List<String> lines = readUntil(child, "start a");
    kill(child);
    assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    lines.addAll(rest(child));
    assertThat(child.exitValue()).isZero();
    assertThat(lines).contains("end a").doesNotContain("start b", "start c");
    assertThat(lines).anyMatch(l -> l.startsWith("round 1: 3 table(s) due, 1 done, 0 failed (retried next round),"
        + " 0 not due, 2 left by stop"));
    assertThat(lines.getLast()).isEqualTo("stopped after 1 round(s)");
  }

  /** SIGTERM while waiting for the next round (an hour away) ends the wait at once and exits 0. */
  @Test
  void sigtermDuringTheWaitExitsZeroAtOnce() throws Exception {
    Process child = child(10);
    List<String> lines = readUntil(child, "next round at");
    long signalled = System.nanoTime();
    kill(child);
    assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    double seconds = (System.nanoTime() - signalled) / 1e9;
    lines.addAll(rest(child));
    assertThat(child.exitValue()).isZero();
    assertThat(seconds).as("seconds from SIGTERM to exit").isLessThan(10);
    assertThat(lines).contains("end a", "end b", "end c");
    assertThat(lines.getLast()).isEqualTo("stopped after 1 round(s)");
  }

  private final java.util.Map<Process, BufferedReader> readers = new java.util.HashMap<>();

  private Process child(long millisPerTable) throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
        "-cp", System.getProperty("java.class.path"), LifecycleScheduleSignalsMain.class.getName(),
        Long.toString(millisPerTable)).redirectErrorStream(true).start();
    readers.put(child, new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)));
    return child;
  }

  private List<String> readUntil(Process child, String prefix) throws Exception {
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = readers.get(child).readLine()) != null) {
      lines.add(line);
      if (line.startsWith(prefix)) {
        return lines;
      }
    }
    throw new AssertionError("the child ended before '" + prefix + "': " + lines);
  }

  private List<String> rest(Process child) throws Exception {
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = readers.get(child).readLine()) != null) {
      lines.add(line);
    }
    return lines;
  }

  private static void kill(Process child) throws Exception {
    new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start().waitFor();
  }
}

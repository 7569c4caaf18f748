package org.dnsmesh.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `mesh lifecycle` without a stack: help with examples. Against the real stack the runner is tested by e2e's LifecycleIT. */
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

  /** A bad interval is refused before anything connects, naming the option and the value. */
  @Test
  void aScheduleWithANonsenseIntervalIsRefusedByName() {
    for (String[] args : new String[][] {{"--every", "hourly"}, {"--every", "0h"}, {"--every", "1h", "--jitter", "soon"},
        {"--jitter", "5m"}}) {
      StringWriter err = new StringWriter();
      CommandLine commandLine = new CommandLine(new MeshCli());
      commandLine.setErr(new PrintWriter(err));
      commandLine.setOut(new PrintWriter(new StringWriter()));
      String[] command = java.util.stream.Stream.concat(java.util.stream.Stream.of("lifecycle", "run"),
          java.util.Arrays.stream(args)).toArray(String[]::new);
      assertThat(commandLine.execute(command)).as(String.join(" ", args)).isEqualTo(2);
      String option = args[args.length - 2];
      assertThat(err.toString()).as(String.join(" ", args)).contains(option).contains(args[args.length - 1]);
    }
  }
}

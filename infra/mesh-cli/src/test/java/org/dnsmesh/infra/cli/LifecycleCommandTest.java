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
    assertThat(help("lifecycle", "status", "--help")).contains("--contract", "--token", "Example");
    assertThat(help("lifecycle", "compact", "--help")).contains("--small-files", "optimize_manifests", "Example");
    assertThat(help("lifecycle", "versions", "--help")).contains("TABLE", "FOR VERSION AS OF", "Example");
  }
}

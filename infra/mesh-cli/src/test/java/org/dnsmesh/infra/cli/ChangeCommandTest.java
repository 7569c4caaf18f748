package org.dnsmesh.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `mesh change` and `mesh audit` without a service: help with examples, and one-line errors with exit code 2
 * when they cannot run. Against the real catalog service they run in e2e's GovernanceCliIT.
 */
class ChangeCommandTest {

  private static String help(String... command) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = new CommandLine(new MeshCli());
    commandLine.setOut(new PrintWriter(out));
    assertThat(commandLine.execute(command)).isZero();
    return out.toString();
  }

  @Test
  void everySubcommandHasHelpWithExamples() {
    assertThat(help("--help")).contains("change", "audit");
    assertThat(help("change", "--help")).contains("propose", "show", "list", "approve", "reject", "diff", "resubmit",
        "Exit codes", "mesh change approve --as steward-na", "propose-policy");
    assertThat(help("change", "list", "--help")).contains("--policy");
    for (String subcommand : new String[] {"propose", "show", "list", "approve", "reject", "diff", "resubmit", "propose-policy"}) {
      assertThat(help("change", subcommand, "--help")).as(subcommand).contains("--token", "--as", "Example");
    }
    assertThat(help("audit", "verify", "--help")).contains("first broken entry", "1   the chain is broken");
  }

  @Test
  void cannotRunGivesOneLineAndExitCode2() {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThat(MeshCli.run("change", "list", "--catalog", "http://127.0.0.1:1", "--token", "x")).isEqualTo(2);
      assertThat(MeshCli.run("audit", "verify", "--catalog", "http://127.0.0.1:1", "--token", "x")).isEqualTo(2);
      assertThat(MeshCli.run("change", "propose", "--product", "na", "--token", "x", "contract.yaml")).isEqualTo(2);
    } finally {
      System.setErr(originalErr);
    }
    assertThat(err.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("mesh: ")))
        .containsExactly(
            "mesh: The catalog service at http://127.0.0.1:1 does not answer: is the mesh up (./mesh status)?",
            "mesh: The catalog service at http://127.0.0.1:1 does not answer: is the mesh up (./mesh status)?",
            "mesh: --product must be DOMAIN/NAME, e.g. na/resolver; was 'na'");
  }
}

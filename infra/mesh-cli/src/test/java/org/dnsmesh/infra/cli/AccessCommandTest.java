package org.dnsmesh.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.dnsmesh.infra.stack.StackException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `mesh access` without a service: help with examples, term parsing, one-line errors with exit code 2. */
class AccessCommandTest {

  private static String help(String... command) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = new CommandLine(new MeshCli());
    commandLine.setOut(new PrintWriter(out));
    assertThat(commandLine.execute(command)).isZero();
    return out.toString();
  }

  @Test
  void everySubcommandHasHelpWithExamples() {
    assertThat(help("--help")).contains("access");
    assertThat(help("access", "--help")).contains("request", "list", "show", "approve", "reject", "Exit codes",
        "mesh access request --as alan --product security/registrar --duration 30d", "never the requester", "90 days");
    for (String subcommand : new String[] {"request", "list", "show", "approve", "reject"}) {
      assertThat(help("access", subcommand, "--help")).as(subcommand).contains("--token", "--as", "Example", "mesh access " + subcommand);
    }
  }

  @Test
  void termsInShortOrIsoForm() {
    assertThat(AccessCommand.isoDuration("30d")).isEqualTo("P30D");
    assertThat(AccessCommand.isoDuration("12h")).isEqualTo("PT12H");
    assertThat(AccessCommand.isoDuration("90m")).isEqualTo("PT90M");
    assertThat(AccessCommand.isoDuration("45s")).isEqualTo("PT45S");
    assertThat(AccessCommand.isoDuration("p7d")).isEqualTo("P7D");
    assertThatThrownBy(() -> AccessCommand.isoDuration("a week")).isInstanceOf(StackException.class)
        .hasMessageContaining("--duration must be like 30d");
  }

  @Test
  void cannotRunGivesOneLineAndExitCode2() {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThat(MeshCli.run("access", "list", "--catalog", "http://127.0.0.1:1", "--token", "x")).isEqualTo(2);
      assertThat(MeshCli.run("access", "request", "--product", "security", "--purpose", "p", "--duration", "1d",
          "--token", "x")).isEqualTo(2);
    } finally {
      System.setErr(originalErr);
    }
    assertThat(err.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("mesh: ")))
        .containsExactly(
            "mesh: The catalog service at http://127.0.0.1:1 does not answer: is the mesh up (./mesh status)?",
            "mesh: --product must be DOMAIN/NAME, e.g. security/registrar; was 'security'");
  }
}

package org.dnsmesh.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.dnsmesh.infra.stack.StackException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `mesh suppress` without a service: help with examples, the window arguments, printing through the shared printer. */
class SuppressCommandTest {

  private static String help(String... command) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = new CommandLine(new MeshCli());
    commandLine.setOut(new PrintWriter(out));
    assertThat(commandLine.execute(command)).isZero();
    return out.toString();
  }

  @Test
  void everySubcommandHasHelpWithExamples() {
    assertThat(help("--help")).contains("suppress");
    assertThat(help("suppress", "--help")).contains("propose", "list", "show", "approve", "reject", "revoke", "Exit codes",
        "mesh suppress propose --as alan --rule DELEGATION_OUTSIDE_WINDOW", "never the proposer", "at most 30");
    for (String subcommand : new String[] {"propose", "list", "show", "approve", "reject", "revoke"}) {
      assertThat(help("suppress", subcommand, "--help")).as(subcommand)
          .contains("--token", "--as", "Example", "mesh suppress " + subcommand);
    }
  }

  @Test
  void theWindowEndIsGivenOrComputedFromALength() {
    assertThat(SuppressCommand.until("2026-12-07T00:00:00Z", null, "7d")).isEqualTo("2026-12-14T00:00:00Z");
    assertThat(SuppressCommand.until("2026-12-07T00:00:00Z", null, "PT36H")).isEqualTo("2026-12-08T12:00:00Z");
    assertThat(SuppressCommand.until("x", "2026-12-08T00:00:00Z", null)).as("the service checks it").isEqualTo("2026-12-08T00:00:00Z");
    assertThatThrownBy(() -> SuppressCommand.until("2026-12-07T00:00:00Z", null, null)).isInstanceOf(StackException.class)
        .hasMessageContaining("exactly one of --until");
    assertThatThrownBy(() -> SuppressCommand.until("monday", null, "7d")).isInstanceOf(StackException.class)
        .hasMessageContaining("--from must be an ISO-8601 instant");
  }

  @Test
  void aSuppressionPrintsWithTheSharedChecksAndReviews() throws Exception {
    String json = """
        {"kind":"suppression","id":"3f0c","rule":"DELEGATION_OUTSIDE_WINDOW","caseKey":"domain:shop.example",
         "from":"2026-12-07T00:00:00Z","until":"2026-12-14T00:00:00Z","reason":"migration","proposer":"alan",
         "state":"PUBLISHED","active":true,"approval":{"stewardsApproved":1,"stewardsNeeded":1},
         "checks":[{"name":"window","status":"PASSED","detail":"7 days"}],
         "reviews":[{"revision":1,"verdict":"APPROVE","reviewer":"victor","comment":"ok"}],
         "application":{"published":true,"detail":"on mesh.security.suppressions"}}""";
    StringWriter out = new StringWriter();
    ReviewPrinter.anyKind(new PrintWriter(out, true), new ObjectMapper().readTree(json));
    assertThat(out.toString()).contains("suppression 3f0c", "DELEGATION_OUTSIDE_WINDOW on domain:shop.example",
        "[2026-12-07T00:00:00Z, 2026-12-14T00:00:00Z) by event time (in force)", "PUBLISHED (stewards 1/1)",
        "  PASSED   window", "  r1 APPROVE victor", "applied     on mesh.security.suppressions");
  }

  @Test
  void aRevokedSuppressionPrintsWhenItWasRevoked() throws Exception {
    String json = """
        {"kind":"suppression","id":"3f0c","rule":"*","caseKey":"account:acct-7",
         "from":"2026-12-07T00:00:00Z","until":"2026-12-14T00:00:00Z","reason":"bulk renewal","proposer":"alan",
         "state":"REVOKED","active":false,"revokedAt":"2026-12-09T10:15:00Z",
         "approval":{"stewardsApproved":1,"stewardsNeeded":1},"checks":[],"reviews":[]}""";
    StringWriter out = new StringWriter();
    SuppressCommand.print(new PrintWriter(out, true), new ObjectMapper().readTree(json));
    assertThat(out.toString()).contains("revoked     at 2026-12-09T10:15:00Z", "REVOKED (stewards 1/1)")
        .doesNotContain("(in force)");
  }

  @Test
  void revokeNeedsAReason() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new MeshCli());
    commandLine.setErr(new PrintWriter(err));
    assertThat(commandLine.execute("suppress", "revoke", "--token", "t", "3f0c")).isEqualTo(2);
    assertThat(err.toString()).contains("--reason");
  }
}

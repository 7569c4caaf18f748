package org.dnsmesh.infra.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.infra.stack.StackException;
import org.dnsmesh.infra.stack.TrinoSql;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** `mesh sql`: SQL against the mesh's Trino as a verified principal, over HTTPS with the stack's certificate. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Run SQL on the mesh's Trino (all domains' catalogs in one query) as a principal: one statement",
        "with -e, statements from a pipe or file on stdin, or an interactive shell (statements end with ';',",
        "'quit' leaves). What you see is what the access policy lets that principal see (masks, row filters).",
        "Identity: --as <principal> signs a 1 h token with this installation's key (as ./mesh token does),",
        "or the token in $MESH_TOKEN, or --token-file (e.g. from your identity provider)."},
    footer = {"", "Examples:",
        "  ./mesh sql --as ana -e \"SELECT count(*) FROM na.resolver.queries\"",
        "  ./mesh sql --as root --format csv -e \"SELECT * FROM eu.authoritative.responses LIMIT 10\" > eu.csv",
        "  MESH_TOKEN=$(./mesh token ana) ./mesh sql --format json < queries.sql",
        "  ./mesh sql --as ana                         (interactive: mesh> SHOW CATALOGS;)",
        "", "Exit codes: 0 every statement succeeded, 1 a statement failed (Trino's message is printed), 2 usage."})
final class SqlCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "run this one statement and exit")
  String execute;

  @Option(names = "--as", paramLabel = "PRINCIPAL", description = "a principal of the access policy (needs this installation's key)")
  String principal;

  @Option(names = "--token-file", paramLabel = "FILE", description = "a file holding a bearer token (JWT)")
  Path tokenFile;

  @Option(names = "--format", defaultValue = "table",
      description = "output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  ResultFormat format;

  @Override
  public Integer call() throws IOException {
    StackConfig config = MeshCli.config();
    String token = token(config);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (execute != null) {
      return run(config, token, execute, out, err) ? 0 : 1;
    }
    boolean interactive = System.console() != null && System.console().isTerminal();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    StatementSplitter statements = new StatementSplitter();
    boolean allSucceeded = true;
    while (true) {
      if (interactive) {
        out.print(statements.isEmpty() ? "mesh> " : "   -> ");
        out.flush();
      }
      String line = in.readLine();
      if (line == null) {
        break;
      }
      if (interactive && statements.isEmpty() && line.strip().matches("(?i)(quit|exit);?")) {
        break;
      }
      for (String statement : statements.add(line)) {
        boolean ok = run(config, token, statement, out, err);
        allSucceeded &= ok;
        if (!ok && !interactive) {
          return 1; // a script stops at its first failing statement
        }
      }
    }
    String rest = statements.rest();
    if (!rest.isBlank()) {
      allSucceeded &= run(config, token, rest, out, err);
    }
    return allSucceeded ? 0 : 1;
  }

  private boolean run(StackConfig config, String token, String sql, PrintWriter out, PrintWriter err) {
    try {
      format.write(TrinoSql.run(config, token, sql), out);
      out.flush();
      return true;
    } catch (SQLException e) {
      err.println("Query failed: " + e.getMessage());
      err.flush();
      return false;
    }
  }

  private String token(StackConfig config) throws IOException {
    if (principal != null && tokenFile != null) {
      throw new StackException("Give either --as or --token-file, not both.");
    }
    if (tokenFile != null) {
      return Files.readString(tokenFile).strip();
    }
    if (principal != null) {
      return TokenCommand.mint(config, principal, Duration.ofHours(1), ", or pass --token-file / $MESH_TOKEN");
    }
    String fromEnvironment = System.getenv("MESH_TOKEN");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.strip();
    }
    throw new StackException("Who is asking? Every query runs as a verified principal: pass --as <principal>"
        + " (e.g. --as ana), --token-file <file>, or set MESH_TOKEN.");
  }
}

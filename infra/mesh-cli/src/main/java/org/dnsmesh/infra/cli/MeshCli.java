package org.dnsmesh.infra.cli;

import java.nio.file.Path;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.infra.stack.StackException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `mesh` command: one entry point for everything a user does with the mesh. */
@Command(
    name = "mesh",
    mixinStandardHelpOptions = true,
    versionProvider = MeshCli.Version.class,
    description = "DNS Data Mesh: regional DNS data products under versioned contracts, queried together in Trino.",
    subcommands = {UpCommand.class, StatusCommand.class, DownCommand.class, TokenCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"",
        "Also handled by the ./mesh script itself:",
        "  test     run every test, end-to-end ones included (./mvnw verify)",
        "  build    build everything without tests",
        "",
        "Examples:",
        "  ./mesh up                 start PostgreSQL checks, Kafka, the catalog service and Trino",
        "  ./mesh status             show what runs and whether it answers",
        "  ./mesh token analyst      print a signed token for the demo analyst",
        "  ./mesh down               stop everything `up` started"})
public final class MeshCli {

  static StackConfig config() {
    String home = System.getProperty("mesh.home", ".");
    return StackConfig.fromEnvironment(Path.of(home));
  }

  public static int run(String... args) {
    CommandLine commandLine = new CommandLine(new MeshCli());
    commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
      if (exception instanceof StackException) {
        line.getErr().println(line.getColorScheme().errorText("mesh: " + exception.getMessage()));
        return 2;
      }
      throw exception;
    });
    return commandLine.execute(args);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = MeshCli.class.getPackage().getImplementationVersion();
      return new String[] {"DNS Data Mesh " + (version == null ? "development build" : version)};
    }
  }
}

package org.dnsmesh.infra.cli;

import java.nio.file.Path;
import org.dnsmesh.contracts.cli.ContractCommand;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.productcli.ProductCommand;
import org.dnsmesh.quality.cli.QualityCommand;
import org.dnsmesh.infra.stack.StackException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `mesh` command: one entry point for everything a user does with the mesh. */
@Command(
    name = "mesh",
    mixinStandardHelpOptions = true,
    versionProvider = MeshCli.Version.class,
    description = "DNS Data Mesh: regional DNS data products under versioned contracts, queried together in Trino.",
    subcommands = {UpCommand.class, StatusCommand.class, DownCommand.class, TokenCommand.class, KafkaCommand.class,
        ContractCommand.class, ProductCommand.class, QualityCommand.class,
        ChangeCommand.class, AccessCommand.class, SuppressCommand.class,
        AuditCommand.class, SqlCommand.class, LifecycleCommand.class,
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
        "  ./mesh sql --as ana -e \"SELECT count(*) FROM na.resolver.queries\"   SQL as a principal",
        "  ./mesh kafka config pipeline-na   Kafka client settings (SASL credentials) of a principal",
        "  ./mesh contract lint contracts/examples/dns-resolver-queries.odcs.yaml",
        "  ./mesh down               stop everything `up` started"})
public final class MeshCli {

  static StackConfig config() {
    String home = System.getProperty("mesh.home", ".");
    return StackConfig.fromEnvironment(Path.of(home));
  }

  /** `mesh quality` reads the history where `mesh up` lets the monitor write it: the stack's database. */
  static QualityCommand.Store qualityStore(StackConfig config) {
    StackConfig.PostgresSettings postgres = config.postgres();
    return new QualityCommand.Store(postgres.databaseUrl(), postgres.user(), postgres.password());
  }

  public static int run(String... args) {
    CommandLine commandLine = new CommandLine(new MeshCli()).setCaseInsensitiveEnumValuesAllowed(true);
    // `product run` needs the products themselves (data-products), which product-cli sits below
    commandLine.getSubcommands().get("product").addSubcommand("run", new ProductRunCommand());
    commandLine.getSubcommands().get("product").addSubcommand("serve", new ProductServeCommand());
    commandLine.getSubcommands().get("product").addSubcommand("backfill", new ProductBackfillCommand());
    commandLine.getSubcommands().get("product").addSubcommand("supervise", new ProductSuperviseCommand());
    ((QualityCommand) commandLine.getSubcommands().get("quality").getCommand())
        .storeDefaults(() -> qualityStore(config()));
    // One line that says what went wrong; the stack trace only for MESH_DEBUG=1.
    commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
      line.getErr().println(line.getColorScheme().errorText("mesh: " + describe(exception)));
      if ("1".equals(System.getenv("MESH_DEBUG"))) {
        exception.printStackTrace(line.getErr());
      } else if (!(exception instanceof StackException)) {
        line.getErr().println("(run with MESH_DEBUG=1 for the stack trace)");
      }
      return 2;
    });
    return commandLine.execute(args);
  }

  static String describe(Throwable exception) {
    StringBuilder message = new StringBuilder(String.valueOf(exception.getMessage()));
    for (Throwable cause = exception.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
        message.append(": ").append(cause.getMessage().lines().findFirst().orElse(""));
      }
    }
    return message.toString();
  }

  public static void main(String[] args) {
    libraryLogsToFile();
    System.exit(run(args));
  }

  /**
   * Library logs (Kafka clients, Iceberg, OpenLineage, ...) go to {@code .mesh/logs/mesh-cli.log}, not the console:
   * the console is for progress and results (a client's retry warning says nothing to a person starting the mesh).
   * Must run before the first logger is made. MESH_DEBUG=1 keeps them on the console.
   */
  static void libraryLogsToFile() {
    if ("1".equals(System.getenv("MESH_DEBUG")) || System.getProperty("org.slf4j.simpleLogger.logFile") != null) {
      return;
    }
    try {
      Path logs = config().layout().logs();
      java.nio.file.Files.createDirectories(logs);
      System.setProperty("org.slf4j.simpleLogger.logFile", logs.resolve("mesh-cli.log").toString());
      System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    } catch (java.io.IOException | RuntimeException e) {
      // no writable state folder (e.g. a read-only checkout): library warnings stay on stderr
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = MeshCli.class.getPackage().getImplementationVersion();
      return new String[] {"DNS Data Mesh " + (version == null ? "development build" : version)};
    }
  }
}

package org.dnsmesh.quality.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.dnsmesh.quality.model.CheckKey;
import org.dnsmesh.quality.model.ProductId;
import org.dnsmesh.quality.model.TableKey;
import org.dnsmesh.quality.store.JdbcAlertStateStore;
import org.dnsmesh.quality.store.JdbcHeartbeatStore;
import org.dnsmesh.quality.store.JdbcHistoryStore;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quality status [product]} and {@code quality history <product> <table> <check>}: reads the history
 * store. The {@code mesh} CLI mounts it as a subcommand; it also runs alone via {@link #main}.
 */
@Command(name = "quality", description = "Data-quality status and history of the mesh's products.",
    mixinStandardHelpOptions = true, subcommands = {QualityCommand.Status.class, QualityCommand.History.class})
public final class QualityCommand {
  /** Where the history lives when no option names it: {@code mesh} hands over the stack's PostgreSQL settings. */
  public record Store(String url, String user, String password) {
    public static final Store DEFAULT = new Store("jdbc:postgresql://127.0.0.1:5432/dnsmesh", "postgres", "");
  }

  @Option(names = "--store-url",
      description = "History store JDBC URL (default: the stack's MESH_PG_URL + MESH_PG_DATABASE under mesh, else "
          + "jdbc:postgresql://127.0.0.1:5432/dnsmesh)")
  String storeUrl;

  @Option(names = "--store-user", description = "History store user (default: MESH_PG_USER under mesh, else postgres)")
  String storeUser;

  @Option(names = "--store-password", description = "History store password (default: MESH_PG_PASSWORD under mesh)")
  String storePassword;

  Clock clock = Clock.systemUTC();
  private Supplier<Store> defaults = () -> Store.DEFAULT;

  /** The store to use for whatever the options leave open; read only when a subcommand runs. */
  public QualityCommand storeDefaults(Supplier<Store> defaults) {
    this.defaults = java.util.Objects.requireNonNull(defaults, "defaults");
    return this;
  }

  /** Options first, then the defaults. */
  Store store() {
    Store fallback = storeUrl != null && storeUser != null && storePassword != null ? Store.DEFAULT : defaults.get();
    return new Store(storeUrl != null ? storeUrl : fallback.url(), storeUser != null ? storeUser : fallback.user(),
        storePassword != null ? storePassword : fallback.password());
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new QualityCommand()).execute(args));
  }

  DataSource dataSource() {
    Store store = store();
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setURL(store.url());
    source.setUser(store.user());
    if (!store.password().isEmpty()) {
      source.setPassword(store.password());
    }
    source.setConnectTimeout(5);
    requireHistory(source, store.url());
    return source;
  }

  /** A database the monitor never ran against has no `quality` schema: say so instead of failing on SQL. */
  private static void requireHistory(DataSource source, String storeUrl) {
    try (java.sql.Connection connection = source.getConnection();
        java.sql.ResultSet rows = connection.createStatement()
            .executeQuery("SELECT to_regclass('quality.open_alert') IS NOT NULL")) {
      if (rows.next() && !rows.getBoolean(1)) {
        throw new IllegalStateException("No quality history in " + storeUrl
            + ": the quality monitor has not run against this database yet (see quality-monitor/README.md).");
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("Cannot read the quality history at " + storeUrl + ": " + e.getMessage(), e);
    }
  }

  @Command(name = "status", description = "Latest result of every check, open alerts and monitor heartbeat.")
  static final class Status implements Callable<Integer> {
    @CommandLine.ParentCommand
    QualityCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", description = "Product id (all products if omitted)")
    String product;

    @Option(names = "--poll-interval", defaultValue = "PT30S", description = "Monitor poll interval, for staleness")
    Duration pollInterval;

    @Override
    public Integer call() {
      DataSource source = parent.dataSource();
      Optional<ProductId> filter = Optional.ofNullable(product).map(ProductId::new);
      var open = new JdbcAlertStateStore(source).openAlerts().stream()
          .filter(a -> filter.map(p -> p.equals(a.key().table().product())).orElse(true)).toList();
      PrintWriter out = spec.commandLine().getOut();
      out.print(QualityReports.status(new JdbcHistoryStore(source).latest(filter), open,
          new JdbcHeartbeatStore(source).all(), pollInterval, parent.clock.instant()));
      out.flush();
      return open.isEmpty() ? 0 : 1;
    }
  }

  @Command(name = "history", description = "Results of one check over a period, with SLA compliance.")
  static final class History implements Callable<Integer> {
    @CommandLine.ParentCommand
    QualityCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "Product id")
    String product;

    @Parameters(index = "1", description = "Table (as in the catalog, e.g. resolver.queries)")
    String table;

    @Parameters(index = "2", description = "Check: freshness, volume, completeness, schema_drift, ...")
    String check;

    @Option(names = "--since", defaultValue = "PT24H", description = "How far back (default: ${DEFAULT-VALUE})")
    Duration since;

    @Option(names = "--interval", defaultValue = "PT1H", description = "SLA compliance interval")
    Duration interval;

    @Override
    public Integer call() {
      JdbcHistoryStore history = new JdbcHistoryStore(parent.dataSource());
      Instant now = parent.clock.instant();
      Instant from = now.minus(since);
      CheckKey key = new CheckKey(new TableKey(new ProductId(product), table), check);
      PrintWriter out = spec.commandLine().getOut();
      out.print(QualityReports.history(history.history(key, from, now),
          Optional.of(history.compliance(key.table(), Optional.of(check), from, now, interval))));
      out.flush();
      return 0;
    }
  }
}

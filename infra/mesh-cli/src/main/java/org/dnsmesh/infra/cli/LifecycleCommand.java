package org.dnsmesh.infra.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.StackException;
import org.dnsmesh.lifecycle.LifecycleAudit;
import org.dnsmesh.lifecycle.LifecycleRunner;
import org.dnsmesh.lifecycle.LifecycleSchedule;
import org.dnsmesh.lifecycle.RetentionPolicies;
import org.dnsmesh.lifecycle.TableReport;
import org.dnsmesh.lifecycle.TableRetention;
import org.dnsmesh.lifecycle.TrinoConnections;
import org.dnsmesh.lifecycle.TrinoTableMaintenance;
import org.dnsmesh.productkit.lineage.OpenLineageEmitter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mesh lifecycle status|run}: retention from the contracts, enforced through Trino as the maintenance principal. */
@Command(name = "lifecycle", mixinStandardHelpOptions = true,
    description = {"Retention from the data contracts: delete expired rows, expire snapshots older than the",
        "contract's time-travel window, remove orphan files. Runs through Trino as the maintenance principal",
        "(`lifecycle` in the access policy); each run is recorded in the audit log and as an OpenLineage run."},
    subcommands = {LifecycleCommand.Status.class, LifecycleCommand.Run.class, LifecycleCommand.Compact.class,
        LifecycleCommand.Versions.class},
    footerHeading = "%nExamples:%n",
    footer = {"  mesh lifecycle status                       what each product's tables would lose now",
        "  mesh lifecycle run --dry-run                list it and record the dry run in the audit log",
        "  mesh lifecycle run                          delete, expire, remove orphans (as principal lifecycle)",
        "  mesh lifecycle run --every 1h               the same on a schedule until SIGTERM / Ctrl-C",
        "  mesh lifecycle run --contract data-products/na-resolver-queries/datacontract.yaml",
        "  mesh lifecycle compact                      rewrite small files and manifests of every table",
        "  mesh lifecycle versions na.na.resolver_queries   snapshots with contract version and run id"})
final class LifecycleCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** Options both subcommands share: contracts, the orphan age, the connection and principal. */
  static final class Target {
    @Mixin CatalogConnection catalog;

    @Option(names = "--contract", paramLabel = "FILE",
        description = "Contract(s) whose tables to maintain (default: every data-products/*/datacontract.yaml).")
    List<Path> contracts = new ArrayList<>();

    @Option(names = "--orphan-age", paramLabel = "DAYS", defaultValue = "7",
        description = "Remove only unreferenced files older than this many days (default: ${DEFAULT-VALUE}; files of"
            + " writes in progress are younger; Trino refuses less than its iceberg.remove-orphan-files.min-retention).")
    int orphanAgeDays;

    List<TableRetention> tables(PrintWriter out) {
      List<Path> files = contracts;
      if (files.isEmpty()) {
        Path products = Path.of(System.getProperty("mesh.home", ".")).resolve("data-products");
        try (Stream<Path> list = Files.list(products)) {
          files = list.map(p -> p.resolve("datacontract.yaml")).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
          throw new StackException("Cannot list " + products + ": " + e.getMessage());
        }
      }
      List<TableRetention> tables = new ArrayList<>();
      for (Path file : files) {
        RetentionPolicies.Result result = RetentionPolicies.of(DataContracts.read(file));
        tables.addAll(result.managed());
        result.unmanaged().forEach((table, why) -> out.printf("kept        %s: %s%n", table, why));
      }
      return tables;
    }

    /** Trino as the maintenance principal {@code lifecycle} unless --token, --as or MESH_TOKEN say otherwise. */
    TrinoTableMaintenance maintenance() {
      if ((catalog.token == null || catalog.token.isBlank()) && (catalog.principal == null || catalog.principal.isBlank())
          && System.getenv("MESH_TOKEN") == null) {
        catalog.principal = "lifecycle";
      }
      String jdbc = MeshStack.recorded(MeshCli.config()).trinoJdbcUrl();
      return new TrinoTableMaintenance(TrinoConnections.withToken(jdbc, catalog::bearer), Duration.ofDays(orphanAgeDays));
    }

    LifecycleRunner runner() {
      TrinoTableMaintenance maintenance = maintenance();
      URI base = URI.create(catalog.baseUrl());
      return new LifecycleRunner(maintenance, new LifecycleAudit(base, catalog::bearer),
          new OpenLineageEmitter(base, "/api/v1/lineage", catalog::bearer), Clock.systemUTC());
    }
  }

  static int report(PrintWriter out, List<LifecycleRunner.Outcome> outcomes) {
    out.printf("%-40s %-34s %-20s %9s %9s %9s %11s %9s%n", "table", "rule", "cutoff", "expired", "removed",
        "snapshots", "files", "orphans");
    int failed = 0;
    for (LifecycleRunner.Outcome outcome : outcomes) {
      if (outcome.failed()) {
        failed++;
        out.printf("%-40s FAILED: %s%n", outcome.retention().table(), outcome.error());
        continue;
      }
      TableReport r = outcome.report();
      out.printf("%-40s %-34s %-20s %9d %9d %4d->%-4d %5d->%-5d %9s%n", r.table(), r.rule(), r.cutoff(), r.expiredRows(),
          r.rowsRemoved(), r.snapshotsBefore(), r.snapshotsAfter(), r.dataFilesBefore(), r.dataFilesAfter(),
          r.orphanFilesRemoved() < 0 ? "?" : Long.toString(r.orphanFilesRemoved()));
    }
    out.printf("%d table(s), %d failed%s%n", outcomes.size(), failed,
        outcomes.stream().anyMatch(o -> o.report() != null && o.report().dryRun()) ? " (dry run: nothing removed)" : "");
    return failed == 0 ? 0 : 1;
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Per table: the rule and cutoff, rows that would be deleted, snapshots and files (nothing is"
          + " changed or recorded).",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:every table answered", "1:some table could not be read", "2:could not run"},
      footerHeading = "%nExample:%n", footer = "  mesh lifecycle status --contract data-products/eu-authoritative/datacontract.yaml")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Target target;

    @Override
    public Integer call() {
      return ChangeCommand.run(spec, out -> {
        List<TableRetention> tables = target.tables(out);
        TrinoTableMaintenance maintenance = target.maintenance();
        List<LifecycleRunner.Outcome> outcomes = new ArrayList<>();
        for (TableRetention table : tables) {
          try {
            outcomes.add(new LifecycleRunner.Outcome(table, null, maintenance.status(table, Clock.systemUTC().instant()),
                null, -1));
          } catch (java.sql.SQLException | RuntimeException e) {
            outcomes.add(new LifecycleRunner.Outcome(table, null, null, e.getMessage(), -1));
          }
        }
        return report(out, outcomes);
      });
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Delete expired rows, expire snapshots, remove orphan files; record each table's run in the audit"
          + " log and as an OpenLineage run.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:every table done (with --every: stopped by SIGTERM or Ctrl-C)",
          "1:some table failed (the others ran; with --every failures are retried, never an exit)", "2:could not run"},
      footerHeading = "%nExamples:%n", footer = {"  mesh lifecycle run --dry-run", "  mesh lifecycle run --as lifecycle",
          "  mesh lifecycle run --every 1h                    keep running, a round an hour",
          "  mesh lifecycle run --every 24h --jitter 10m      daily, first round within 10 minutes",
          "  mesh lifecycle run --every 1h --compact          each round: retention, then optimize + optimize_manifests",
          "  nohup mesh lifecycle run --every 1h >> lifecycle.log 2>&1 &    (or the systemd unit in the README)"})
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Target target;

    @Option(names = "--dry-run", description = "Only count what would go; the dry run is still audited.")
    boolean dryRun;

    @Option(names = "--every", paramLabel = "INTERVAL",
        description = {"Keep running: a round every INTERVAL (1h, 24h, 30m, PT6H, P1D) until SIGTERM or Ctrl-C,",
            "which let the table in progress finish, then exit 0. Rounds never overlap; a failed table is logged",
            "and retried next round; each round is logged (tables, rows and files removed, duration)."})
    String every;

    @Option(names = "--jitter", paramLabel = "INTERVAL", defaultValue = "0s",
        description = "With --every: wait a random time up to this before the first round (default: none).")
    String jitter;

    @Option(names = "--compact",
        description = {"With --every: after each due table's retention, compact it as `mesh lifecycle compact` does",
            "(optimize, then optimize_manifests); files before/after are logged, a failure is retried next round."})
    boolean compact;

    @Option(names = "--small-files", paramLabel = "SIZE", defaultValue = "128MB",
        description = "With --compact: rewrite data files smaller than this (default: ${DEFAULT-VALUE}).")
    String threshold;

    @Override
    public Integer call() {
      boolean noJitter = jitter.matches("0+\\s*[a-zA-Z]*");
      if (every == null && !noJitter) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--jitter " + jitter + " only applies with --every");
      }
      // a one-off compaction is `mesh lifecycle compact`; here it is part of the schedule only
      if (every == null && compact) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--compact only applies with --every (for a one-off compaction: mesh lifecycle compact)");
      }
      if (dryRun && compact) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--compact cannot be combined with --dry-run (compaction has no dry run)");
      }
      boolean smallFilesGiven = spec.commandLine().getParseResult().hasMatchedOption("--small-files");
      if (smallFilesGiven && !compact) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--small-files " + threshold
            + " only applies with --compact");
      }
      if (every == null) {
        return ChangeCommand.run(spec, out -> report(out, target.runner().run(target.tables(out), dryRun)));
      }
      Duration interval;
      Duration firstWait;
      try {
        interval = LifecycleSchedule.interval(every, "--every");
        firstWait = noJitter ? Duration.ZERO : LifecycleSchedule.interval(jitter, "--jitter");
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      return ChangeCommand.run(spec, out -> schedule(out, interval, firstWait));
    }

    /** The CLI only wires: the schedule's log to stdout with a time, the stop signals to {@link LifecycleSchedule#stop}. */
    private int schedule(PrintWriter out, Duration interval, Duration firstWait) {
      Clock clock = Clock.systemUTC();
      LifecycleSchedule schedule = new LifecycleSchedule(interval, firstWait, clock, LifecycleSchedule.Sleeper.REAL,
          new SecureRandom(), line -> {
            synchronized (out) {
              out.printf("[%s] %s%n", clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), line);
              out.flush();
            }
          });
      LifecycleRunner runner = target.runner();
      out.printf("lifecycle%s%s every %s as %s; SIGTERM or Ctrl-C stops after the table in progress%n",
          dryRun ? " (dry run)" : "", compact ? " with compaction (files < " + threshold + ")" : "", every, target.catalog.principal == null ? "the given token" : target.catalog.principal);
      AtomicBoolean first = new AtomicBoolean(true);
      PrintWriter quiet = new PrintWriter(java.io.Writer.nullWriter());
      // the contracts are read again each round (a new table joins at the next one); "kept" lines only the first time
      return untilStopped(out, schedule, () -> target.tables(first.getAndSet(false) ? out : quiet),
          table -> runner.runTable(table, dryRun), compaction());
    }

    /** The compaction step of each table, or null (none) without --compact. */
    LifecycleSchedule.TableCompaction compaction() {
      if (!compact) {
        return null;
      }
      TrinoTableMaintenance maintenance = target.maintenance();
      return table -> maintenance.compact(table.table(), threshold);
    }

    /** SIGTERM / SIGINT stop the schedule (the table in progress finishes); 0 once it has stopped. */
    static int untilStopped(PrintWriter out, LifecycleSchedule schedule,
                            java.util.function.Supplier<List<TableRetention>> tables, LifecycleSchedule.TableWork work) {
      return untilStopped(out, schedule, tables, work, null);
    }

    /** As above, each table's retention followed by {@code compaction} (none when null). */
    static int untilStopped(PrintWriter out, LifecycleSchedule schedule,
                            java.util.function.Supplier<List<TableRetention>> tables, LifecycleSchedule.TableWork work,
                            LifecycleSchedule.TableCompaction compaction) {
      ProductFollow.StopSignals.install(() -> {
        synchronized (out) {
          out.println("stopping: the table in progress finishes, the rest waits for the next start");
          out.flush();
        }
        schedule.stop();
      });
      out.flush();
      schedule.run(tables, work, compaction);
      out.flush();
      return 0;
    }
  }

  @Command(name = "versions", mixinStandardHelpOptions = true,
      description = {"The versioning report of a table: each live snapshot with its commit time, operation, contract",
          "version and run id (from the pipeline's commit summary) and row counts. Query one with",
          "SELECT ... FROM t FOR VERSION AS OF <snapshot> (or FOR TIMESTAMP AS OF) until the time-travel window ends."},
      exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:report printed", "2:could not run"},
      footerHeading = "%nExample:%n", footer = "  mesh lifecycle versions na.na.resolver_queries")
  static final class Versions implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Target target;

    @picocli.CommandLine.Parameters(paramLabel = "TABLE", description = "domain.schema.table")
    String table;

    @Override
    public Integer call() {
      return ChangeCommand.run(spec, out -> {
        target.maintenance(); // settles the principal
        String jdbc = MeshStack.recorded(MeshCli.config()).trinoJdbcUrl();
        List<org.dnsmesh.lifecycle.TableVersions.Version> versions;
        try {
          versions = org.dnsmesh.lifecycle.TableVersions.of(TrinoConnections.withToken(jdbc, target.catalog::bearer),
              org.dnsmesh.lifecycle.TrinoTable.parse(table));
        } catch (java.sql.SQLException e) {
          throw new StackException("Reading the snapshots of " + table + " failed: " + e.getMessage(), e);
        }
        out.printf("%-20s %-24s %-10s %-9s %-36s %12s %10s%n", "snapshot", "committed_at", "operation", "contract",
            "run id", "total rows", "added");
        for (org.dnsmesh.lifecycle.TableVersions.Version v : versions) {
          out.printf("%-20d %-24s %-10s %-9s %-36s %12s %10s%n", v.snapshotId(), v.committedAt(), v.operation(),
              v.contractVersion() == null ? "-" : v.contractVersion(), v.runId() == null ? "-" : v.runId(),
              v.totalRecords() == null ? "-" : v.totalRecords(), v.addedRecords() == null ? "-" : v.addedRecords());
        }
        return 0;
      });
    }
  }

  @Command(name = "compact", mixinStandardHelpOptions = true,
      description = {"Compaction of each contract table: optimize (data files smaller than the threshold rewritten into",
          "files of the table's target size) and optimize_manifests, as the maintenance principal. Safe alongside",
          "pipelines: both commit as Iceberg rewrites, which concurrent appends do not conflict with."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:every table compacted", "1:some table failed (the others ran)", "2:could not run"},
      footerHeading = "%nExample:%n", footer = "  mesh lifecycle compact --small-files 64MB")
  static final class Compact implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Target target;

    @Option(names = "--small-files", paramLabel = "SIZE", defaultValue = "128MB",
        description = "Rewrite data files smaller than this (default: ${DEFAULT-VALUE}).")
    String threshold;

    @Override
    public Integer call() {
      return ChangeCommand.run(spec, out -> {
        List<TableRetention> tables = target.tables(out);
        TrinoTableMaintenance maintenance = target.maintenance();
        int failed = 0;
        out.printf("%-40s %9s %13s %17s %11s%n", "table", "rows", "data files", "max files/part.", "manifests");
        for (TableRetention table : tables) {
          try {
            org.dnsmesh.lifecycle.CompactionReport r = maintenance.compact(table.table(), threshold);
            out.printf("%-40s %9d %6d->%-6d %8d->%-8d %5d->%-5d%n", r.table(), r.rowsAfter(), r.dataFilesBefore(),
                r.dataFilesAfter(), r.maxFilesPerPartitionBefore(), r.maxFilesPerPartitionAfter(), r.manifestsBefore(),
                r.manifestsAfter());
          } catch (java.sql.SQLException | RuntimeException e) {
            failed++;
            out.printf("%-40s FAILED: %s%n", table.table(), e.getMessage());
          }
        }
        return failed == 0 ? 0 : 1;
      });
    }
  }
}

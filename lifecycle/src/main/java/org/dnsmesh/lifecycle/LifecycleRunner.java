package org.dnsmesh.lifecycle;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.dnsmesh.productkit.lineage.LineageDataset;
import org.dnsmesh.productkit.lineage.LineageEmitter;
import org.dnsmesh.productkit.lineage.LineageRun;

/**
 * One lifecycle run over the tables of one or more contracts: per table an OpenLineage run (job
 * {@code <schema>.lifecycle} in the table's domain, START then COMPLETE or FAIL, the table as output), the
 * maintenance itself, then one audit entry. A real run is recorded only once it has happened; a dry run is recorded
 * too (it says what would have gone). A table that fails is reported and the others still run: the outcome lists
 * every table, and the run fails as a whole when any did.
 */
public final class LifecycleRunner {
  private final TrinoTableMaintenance maintenance;
  private final LifecycleAudit audit;
  private final LineageEmitter lineage;
  private final Clock clock;

  public LifecycleRunner(TrinoTableMaintenance maintenance, LifecycleAudit audit, LineageEmitter lineage, Clock clock) {
    this.maintenance = Objects.requireNonNull(maintenance, "maintenance");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.lineage = Objects.requireNonNull(lineage, "lineage");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The outcome for one table: its report, or the error that stopped it. */
  public record Outcome(TableRetention retention, UUID runId, TableReport report, String error, long auditSequence) {
    public boolean failed() {
      return error != null;
    }
  }

  public List<Outcome> run(List<TableRetention> tables, boolean dryRun) {
    List<Outcome> outcomes = new ArrayList<>();
    for (TableRetention retention : tables) {
      outcomes.add(runTable(retention, dryRun));
    }
    return outcomes;
  }

  /** One table's pass (lineage, maintenance, audit); a failure is returned as the outcome, never thrown. */
  public Outcome runTable(TableRetention retention, boolean dryRun) {
    UUID runId = UUID.randomUUID();
    TrinoTable table = retention.table();
    LineageRun run = new LineageRun(runId, table.catalog(), table.schema() + ".lifecycle", List.of(),
        List.of(new LineageDataset(table.catalog(), table.schema() + "." + table.table(), List.of())));
    lineage.start(run);
    try {
      TableReport report = maintenance.apply(retention, clock.instant(), dryRun);
      long sequence = audit.record(runId, report);
      lineage.complete(run, Map.of());
      return new Outcome(retention, runId, report, null, sequence);
    } catch (SQLException | RuntimeException e) {
      lineage.fail(run, e);
      return new Outcome(retention, runId, null, e.getMessage(), -1);
    }
  }
}

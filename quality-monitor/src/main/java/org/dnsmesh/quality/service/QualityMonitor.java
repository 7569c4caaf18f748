package org.dnsmesh.quality.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.dnsmesh.quality.alert.AlertEvent;
import org.dnsmesh.quality.alert.AlertManager;
import org.dnsmesh.quality.check.CheckEngine;
import org.dnsmesh.quality.check.QualityCheck;
import org.dnsmesh.quality.check.SchemaDriftCheck;
import org.dnsmesh.quality.contract.ContractView;
import org.dnsmesh.quality.lineage.LineagePublisher;
import org.dnsmesh.quality.lineage.QualityFacets;
import org.dnsmesh.quality.metrics.QualityMetrics;
import org.dnsmesh.quality.model.CheckKey;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.store.Heartbeat;
import org.dnsmesh.quality.store.HeartbeatStore;
import org.dnsmesh.quality.store.HistoryStore;
import org.dnsmesh.quality.table.TableSource;
import org.dnsmesh.quality.table.TableView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One monitoring cycle over all targets: load table metadata, run the checks, store history, drive alerts,
 * update metrics, emit lineage facets, then leave a heartbeat. A failure on one table or one sink is logged
 * and recorded, never stops the cycle for the others.
 */
public final class QualityMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(QualityMonitor.class);
  /**
   * Check name of the pseudo-check for a table that could not be loaded: BREACHED when the catalog says it
   * does not exist, ERROR when loading failed otherwise (catalog unreachable, bad metadata).
   */
  public static final String TABLE_LOAD = "table_load";

  private final String instance;
  private final TargetSource targets;
  private final TableSource tables;
  private final CheckEngine engine;
  private final HistoryStore history;
  private final AlertManager alerts;
  private final QualityMetrics metrics;
  private final HeartbeatStore heartbeats;
  private final QualityFacets facets;
  private final Optional<LineagePublisher> lineage;
  private final Clock clock;
  private volatile boolean stopping;

  public QualityMonitor(String instance, TargetSource targets, TableSource tables, CheckEngine engine,
      HistoryStore history, AlertManager alerts, QualityMetrics metrics, HeartbeatStore heartbeats,
      QualityFacets facets, Optional<LineagePublisher> lineage, Clock clock) {
    this.instance = Objects.requireNonNull(instance, "instance");
    this.targets = Objects.requireNonNull(targets, "targets");
    this.tables = Objects.requireNonNull(tables, "tables");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.history = Objects.requireNonNull(history, "history");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.heartbeats = Objects.requireNonNull(heartbeats, "heartbeats");
    this.facets = Objects.requireNonNull(facets, "facets");
    this.lineage = Objects.requireNonNull(lineage, "lineage");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Every check on every target, then the heartbeat. */
  public CycleReport runCycle() throws Exception {
    CycleReport report = run(engine, true, true);
    heartbeats.beat(new Heartbeat(instance, report.startedAt(), report.finishedAt(), report.tablesChecked(),
        (int) report.errors()));
    metrics.cycleFinished(Duration.between(report.startedAt(), report.finishedAt()));
    return report;
  }

  /**
   * Schema drift only, on metadata alone: cheap enough to run every few seconds so drift is seen within
   * seconds of the commit, between the full cycles. Shares history and alert state with them.
   */
  public CycleReport runDriftCycle() throws Exception {
    return run(DRIFT_ONLY, false, false);
  }

  private static final CheckEngine DRIFT_ONLY = new CheckEngine(List.of(new SchemaDriftCheck()));

  /**
   * @param withEventTime read the newest event time from manifests (freshness needs it; drift only needs the
   *     schema, so the drift loop skips that planning)
   */
  private CycleReport run(CheckEngine checks, boolean withLineage, boolean withEventTime) throws Exception {
    Instant started = clock.instant();
    List<CheckResult> all = new ArrayList<>();
    List<AlertEvent> events = new ArrayList<>();
    List<ContractView> contracts = targets.targets();
    for (ContractView contract : contracts) {
      if (stopping) {
        break; // shutting down: clients are closing, what follows would only record their errors
      }
      Instant now = clock.instant();
      List<CheckResult> results;
      Optional<TableView> table = Optional.empty();
      try {
        table = Optional.of(tables.load(contract.table(),
            withEventTime ? contract.eventTimeColumn() : Optional.empty()));
        results = checks.run(contract, table.get(), now);
      } catch (NoSuchTableException e) {
        // the contract promises this table: its absence is a breach, not a monitor failure
        LOG.warn("table {} is missing from the catalog", contract.table());
        results = List.of(new CheckResult(new CheckKey(contract.table(), TABLE_LOAD), CheckStatus.BREACHED,
            "table missing from the catalog", java.util.Map.of(), List.of(e.getMessage()), now));
      } catch (RuntimeException e) {
        LOG.warn("cannot load table {}: {}", contract.table(), e.toString());
        results = List.of(CheckResult.error(new CheckKey(contract.table(), TABLE_LOAD), now, e));
      }
      if (stopping) {
        break;
      }
      all.addAll(results);
      try {
        history.record(results);
      } catch (RuntimeException e) {
        LOG.error("cannot record history of {}", contract.table(), e);
      }
      for (CheckResult result : results) {
        metrics.record(result);
        try {
          alerts.onResult(result).ifPresent(event -> {
            events.add(event);
            metrics.alert(event);
          });
        } catch (Exception e) {
          LOG.error("alert for {} not delivered, retried next cycle", result.key(), e);
        }
      }
      if (withLineage && lineage.isPresent() && table.isPresent()) {
        try {
          lineage.get().emit(facets.runEvent(contract, table.get(), results, now));
        } catch (Exception e) {
          LOG.warn("lineage facets of {} not delivered", contract.table(), e);
        }
      }
    }
    return new CycleReport(started, clock.instant(), contracts.size(), all, events);
  }

  /** Stops cycles in progress after the table at hand; called first when the service shuts down. */
  public void stop() {
    stopping = true;
  }

  public List<QualityCheck> checks() {
    return engine.checks();
  }
}

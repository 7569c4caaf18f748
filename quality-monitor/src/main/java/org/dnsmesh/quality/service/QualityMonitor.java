package org.dnsmesh.quality.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dnsmesh.quality.alert.AlertEvent;
import org.dnsmesh.quality.alert.AlertManager;
import org.dnsmesh.quality.check.CheckEngine;
import org.dnsmesh.quality.check.QualityCheck;
import org.dnsmesh.quality.contract.ContractView;
import org.dnsmesh.quality.lineage.LineagePublisher;
import org.dnsmesh.quality.lineage.QualityFacets;
import org.dnsmesh.quality.metrics.QualityMetrics;
import org.dnsmesh.quality.model.CheckKey;
import org.dnsmesh.quality.model.CheckResult;
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
  /** Check name of the pseudo-check that reports a table that could not be loaded at all. */
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

  public CycleReport runCycle() throws Exception {
    Instant started = clock.instant();
    List<CheckResult> all = new ArrayList<>();
    List<AlertEvent> events = new ArrayList<>();
    List<ContractView> contracts = targets.targets();
    for (ContractView contract : contracts) {
      Instant now = clock.instant();
      List<CheckResult> results;
      Optional<TableView> table = Optional.empty();
      try {
        table = Optional.of(tables.load(contract.table(), contract.eventTimeColumn()));
        results = engine.run(contract, table.get(), now);
      } catch (RuntimeException e) {
        LOG.warn("cannot load table {}", contract.table(), e);
        results = List.of(CheckResult.error(new CheckKey(contract.table(), TABLE_LOAD), now, e));
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
      if (lineage.isPresent() && table.isPresent()) {
        try {
          lineage.get().emit(facets.runEvent(contract, table.get(), results, now));
        } catch (Exception e) {
          LOG.warn("lineage facets of {} not delivered", contract.table(), e);
        }
      }
    }
    Instant finished = clock.instant();
    CycleReport report = new CycleReport(started, finished, contracts.size(), all, events);
    heartbeats.beat(new Heartbeat(instance, started, finished, contracts.size(), (int) report.errors()));
    metrics.cycleFinished(Duration.between(started, finished));
    return report;
  }

  public List<QualityCheck> checks() {
    return engine.checks();
  }
}

package org.dnsmesh.products.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.dnsmesh.productkit.lineage.LineageDataset;
import org.dnsmesh.productkit.lineage.LineageEmitter;
import org.dnsmesh.productkit.lineage.LineageRun;
import org.dnsmesh.productkit.pipeline.DeadLetterSink;
import org.dnsmesh.productkit.pipeline.PipelineConfig;
import org.dnsmesh.productkit.pipeline.ProductPipeline;
import org.dnsmesh.productkit.pipeline.ProgressListener;
import org.dnsmesh.productkit.pipeline.RunSummary;
import org.dnsmesh.productkit.pipeline.RunUntil;
import org.dnsmesh.productkit.transport.AvroEventCodec;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.productkit.transport.LocalSchemaResolver;
import org.dnsmesh.productkit.write.CommitProperties;
import org.dnsmesh.products.support.DerivedTables;
import org.dnsmesh.products.support.KafkaProductRun;
import org.dnsmesh.products.support.ProductContract;
import org.dnsmesh.products.support.Row;

/**
 * Writes the detection topology's topics into {@code security.detections} and {@code security.cases} with the
 * product kit's pipeline: validate against the contract, Parquet, one commit per batch with the Kafka offsets in the
 * snapshot (a restart resumes from the table, so a finding is written exactly once), quarantine for what the
 * contract refuses, OpenLineage START / COMPLETE / FAIL (topic -> table).
 *
 * <p>The cases topic carries every state of a case (compacted to the newest per case id). The kit's writer appends
 * and replaces; it writes no equality deletes, so an upsert per case is not what it supports. The states are
 * appended exactly once to {@code security.case_states}, and {@code security.cases} is then replaced in one commit
 * with the newest state per case ({@link CaseRow#newestPerCase}), computed from {@code case_states} (cases are few:
 * one per incident), the source snapshot recorded in the commit. Reading the whole states table per refresh is
 * what this costs; a table of millions of states would want a merge of the new snapshots only.
 */
public final class SecurityTableSink {

  /** Snapshot summary key of {@code security.cases}: the {@code case_states} snapshot it was computed from. */
  public static final String DERIVED_FROM = "dnsmesh.derived.source-snapshot";

  private final KafkaClientConfig kafka;
  private final Catalog catalog;
  private final LineageEmitter lineage;

  /**
   * @param kafka a principal that reads {@code security.*} topics ({@code security-detections} in the mesh)
   * @param catalog the security domain's Iceberg catalog (the catalog service's REST catalog in the mesh)
   * @param lineage where runs are reported ({@link LineageEmitter#none()} for none)
   */
  public SecurityTableSink(KafkaClientConfig kafka, Catalog catalog, LineageEmitter lineage) {
    this.kafka = Objects.requireNonNull(kafka, "kafka");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.lineage = Objects.requireNonNull(lineage, "lineage");
  }

  /** Both tables, each until caught up with its topic; {@code security.cases} is refreshed after. */
  public List<RunSummary> runOnce(int batchRecords) {
    RunSummary detections = detections(batchRecords, RunUntil.CAUGHT_UP, stop -> {});
    RunSummary states = caseStates(batchRecords, RunUntil.CAUGHT_UP, stop -> {});
    refreshCases();
    return List.of(detections, states);
  }

  /** {@code security.detections} from the detections topic. */
  public RunSummary detections(int batchRecords, RunUntil until, Consumer<Runnable> onStart) {
    ProductContract contract = SecurityTables.detectionsContract();
    return run(contract, SecurityTables.DETECTIONS, OutputRecords::transcodeDetection, batchRecords, until, onStart);
  }

  /** {@code security.case_states} from the cases topic (call {@link #refreshCases} to update {@code security.cases}). */
  public RunSummary caseStates(int batchRecords, RunUntil until, Consumer<Runnable> onStart) {
    ProductContract contract = SecurityTables.casesContract();
    return run(contract, SecurityTables.CASE_STATES, OutputRecords::transcodeCase, batchRecords, until, onStart);
  }

  private RunSummary run(ProductContract contract, TableIdentifier table,
      BiFunction<AvroEventCodec, byte[], byte[]> transcode, int batchRecords, RunUntil until,
      Consumer<Runnable> onStart) {
    AvroEventCodec codec = AvroEventCodec.of(contract.avroSchema(), new LocalSchemaResolver());
    PipelineConfig config = PipelineConfig.of(contract.productName() + "." + table.name(), contract.version(), table,
        contract.layout()).withBatchRecords(batchRecords).withWriterThreads(1);
    // Rejects stay in the quarantine table (the exact record): the topology's own output is not re-published.
    try (TranscodingTopicSource source = new TranscodingTopicSource(kafka, contract.topic(),
        Math.min(5_000, batchRecords), json -> transcode.apply(codec, json))) {
      ProductPipeline pipeline = new ProductPipeline(config, catalog, codec, contract.validator(),
          DeadLetterSink.none(), lineage, ProgressListener.none(), contract.domain());
      onStart.accept(pipeline::requestStop);
      return pipeline.run(source, until);
    }
  }

  /**
   * Replaces {@code security.cases} with the newest state per case of {@code security.case_states} when the states
   * changed since the last refresh (one lineage run case_states -> cases); returns the cases written, or -1 when it
   * was up to date.
   */
  public long refreshCases() {
    if (!catalog.tableExists(SecurityTables.CASE_STATES)) {
      return -1;
    }
    Table states = catalog.loadTable(SecurityTables.CASE_STATES);
    Snapshot current = states.currentSnapshot();
    String source = current == null ? "none" : Long.toString(current.snapshotId());
    if (catalog.tableExists(SecurityTables.CASES)) {
      Snapshot last = catalog.loadTable(SecurityTables.CASES).currentSnapshot();
      if (last != null && source.equals(last.summary().get(DERIVED_FROM))) {
        return -1;
      }
    }
    ProductContract contract = SecurityTables.casesContract();
    UUID runId = UUID.randomUUID();
    String table = SecurityTables.CASES.toString();
    LineageRun run = new LineageRun(runId, contract.domain(), contract.productName() + ".cases",
        List.of(new LineageDataset(contract.domain(), SecurityTables.CASE_STATES.toString(), List.of())),
        List.of(new LineageDataset(contract.domain(), table, List.of())));
    lineage.start(run);
    try {
      List<CaseRow> all = new ArrayList<>();
      for (Row row : KafkaProductRun.rows(states)) {
        all.add(CaseRow.of(row));
      }
      List<CaseRow> newest = CaseRow.newestPerCase(all);
      long written = DerivedTables.replace(catalog, SecurityTables.CASES, CaseRow.class, newest, Map.of(
          CommitProperties.PRODUCT, contract.productName(), CommitProperties.CONTRACT_VERSION, contract.version(),
          CommitProperties.LINEAGE_RUN_ID, runId.toString(), DERIVED_FROM, source));
      lineage.complete(run, Map.of(table, written));
      return written;
    } catch (IOException e) {
      lineage.fail(run, e);
      throw new UncheckedIOException("reading " + SecurityTables.CASE_STATES + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      lineage.fail(run, e);
      throw e;
    }
  }
}

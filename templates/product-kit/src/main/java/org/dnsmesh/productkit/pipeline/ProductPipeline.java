package org.dnsmesh.productkit.pipeline;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.dnsmesh.productkit.lineage.LineageDataset;
import org.dnsmesh.productkit.lineage.LineageEmitter;
import org.dnsmesh.productkit.lineage.LineageRun;
import org.dnsmesh.productkit.transport.AvroEventCodec;
import org.dnsmesh.productkit.transport.UndecodableRecordException;
import org.dnsmesh.productkit.validate.FieldValues;
import org.dnsmesh.productkit.validate.RecordValidator;
import org.dnsmesh.productkit.validate.ValidationResult;
import org.dnsmesh.productkit.write.CommitProperties;
import org.dnsmesh.productkit.write.IcebergRecords;
import org.dnsmesh.productkit.write.IcebergSchemas;
import org.dnsmesh.productkit.write.IcebergTableWriter;
import org.dnsmesh.productkit.write.KafkaOffsets;

/**
 * consume -> decode -> validate -> valid rows to the product table, invalid rows to the quarantine table and the
 * dead-letter sink.
 *
 * <p>Exactly-once: every commit stores, in its snapshot summary, the next Kafka offset of every partition it covers
 * (plus contract version and lineage run id). A batch commits the quarantine table first (only when it has
 * rejects), then the product table (always, so its offsets advance). On start the source is positioned at the
 * product table's offsets; a reject below the quarantine table's own offsets is already quarantined and skipped.
 * So a kill at any moment loses nothing and duplicates nothing in either table.
 */
public final class ProductPipeline {

  private final PipelineConfig config;
  private final Catalog catalog;
  private final AvroEventCodec codec;
  private final RecordValidator validator;
  private final DeadLetterSink deadLetters;
  private final LineageEmitter lineage;
  private final ProgressListener progress;
  private final String lineageNamespace;
  private volatile boolean stopRequested;

  public ProductPipeline(PipelineConfig config, Catalog catalog, AvroEventCodec codec, RecordValidator validator,
      DeadLetterSink deadLetters, LineageEmitter lineage, ProgressListener progress, String lineageNamespace) {
    this.config = Objects.requireNonNull(config, "config");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.lineage = Objects.requireNonNull(lineage, "lineage");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.lineageNamespace = Objects.requireNonNull(lineageNamespace, "lineageNamespace");
  }

  /** Asks a running {@link #run} to commit what it has and return. */
  public void requestStop() {
    stopRequested = true;
  }

  public RunSummary run(RecordSource source, RunUntil until) {
    UUID runId = UUID.randomUUID();
    Schema schema = IcebergSchemas.fromAvro(codec.readSchema());
    LineageRun lineageRun = new LineageRun(runId, lineageNamespace, config.product() + ".pipeline",
        List.of(new LineageDataset("kafka", source.topic(), List.of())),
        List.of(dataset(config.table().toString(), schema), dataset(config.quarantineTable().toString(),
            QuarantineSchema.SCHEMA)));
    lineage.start(lineageRun);
    try {
      RunSummary summary = new Run(runId, source, until).execute();
      lineage.complete(lineageRun, Map.of(config.table().toString(), summary.written(),
          config.quarantineTable().toString(), summary.quarantined()));
      progress.finished(summary);
      return summary;
    } catch (RuntimeException | Error e) {
      lineage.fail(lineageRun, e);
      throw e;
    }
  }

  private LineageDataset dataset(String name, Schema schema) {
    List<LineageDataset.Column> columns = new ArrayList<>();
    schema.columns().forEach(c -> columns.add(new LineageDataset.Column(c.name(), c.type().toString(), c.doc())));
    return new LineageDataset(lineageNamespace, name, columns);
  }

  /** State of one run. */
  private final class Run {
    private final UUID runId;
    private final RecordSource source;
    private final RunUntil until;
    private final long startNanos = System.nanoTime();
    private final IcebergTableWriter tableWriter;
    private final IcebergTableWriter quarantineWriter;
    private final IcebergRecords records;
    private final RecordValidator.Bound boundValidator;
    private GenericRecord reuse;
    private KafkaOffsets tableOffsets;
    private KafkaOffsets quarantineOffsets;
    private final Map<Integer, Long> positions = new HashMap<>();
    private final List<Record> validBatch = new ArrayList<>();
    private final List<Record> invalidBatch = new ArrayList<>();
    private final QuarantineReasons invalidReasons = new QuarantineReasons();
    private long batchStart = System.nanoTime();
    private long batchRecords;
    private long in;
    private long written;
    private long quarantined;
    private long skipped;
    private long commits;
    private long lag;

    Run(UUID runId, RecordSource source, RunUntil until) {
      this.runId = runId;
      this.source = source;
      this.until = until;
      Schema schema = IcebergSchemas.fromAvro(codec.readSchema());
      Table table = IcebergTableWriter.createOrLoad(catalog, config.table(), schema, config.layout());
      Table quarantine = IcebergTableWriter.createOrLoad(catalog, config.quarantineTable(), QuarantineSchema.SCHEMA,
          QuarantineSchema.LAYOUT);
      this.tableWriter = new IcebergTableWriter(table);
      this.quarantineWriter = new IcebergTableWriter(quarantine);
      this.records = new IcebergRecords(table.schema());
      List<String> columns = table.schema().columns().stream().map(Types.NestedField::name).toList();
      this.boundValidator = validator.coversOnly(columns) ? validator.bind(columns) : null;
      this.tableOffsets = KafkaOffsets.committedIn(table);
      this.quarantineOffsets = KafkaOffsets.committedIn(quarantine);
    }

    RunSummary execute() {
      Map<Integer, Long> resume = tableOffsets.forTopic(source.topic());
      positions.putAll(resume);
      source.open(resume);
      while (!stopRequested) {
        List<InputRecord> polled = source.poll(config.pollTimeout());
        for (InputRecord record : polled) {
          accept(record);
        }
        boolean batchFull = batchRecords >= config.batchRecords();
        boolean batchOld = batchRecords > 0 && System.nanoTime() - batchStart >= config.maxBatchAge().toNanos();
        if (batchFull || batchOld || (polled.isEmpty() && batchRecords > 0)) {
          commit();
        }
        if (polled.isEmpty() && until == RunUntil.CAUGHT_UP && caughtUp()) {
          break;
        }
      }
      if (batchRecords > 0) {
        commit();
      }
      lag = lag();
      return summary();
    }

    private void accept(InputRecord input) {
      in++;
      batchRecords++;
      positions.merge(input.partition(), input.offset() + 1, Math::max);
      GenericRecord decoded = null;
      String reason;
      try {
        decoded = codec.decode(input.value(), reuse);
        reuse = decoded; // its values are copied into the row below, so the next record may overwrite them
        reason = addIfValid(decoded);
        if (reason == null) {
          return;
        }
      } catch (UndecodableRecordException e) {
        reason = e.getMessage();
      } catch (RuntimeException e) {
        reason = "cannot convert to table row: " + e.getMessage();
      }
      long alreadyQuarantinedBelow = quarantineOffsets.forTopic(input.topic()).getOrDefault(input.partition(), 0L);
      if (input.offset() < alreadyQuarantinedBelow) {
        skipped++;
        return;
      }
      invalidReasons.add(reason);
      invalidBatch.add(QuarantineSchema.record(input, eventId(decoded), reason, config.contractVersion(),
          runId.toString(), OffsetDateTime.now(ZoneOffset.UTC)));
      deadLetters.send(new DeadLetter(input.topic(), input.partition(), input.offset(), reason, input.value()));
    }

    /**
     * Converts to a table row and validates it (by column position, when the rules name only table columns);
     * adds a valid row to the batch and returns null, else returns why the record is rejected. A record that is
     * both invalid and unconvertible is reported as invalid, as the contract says more than the converter.
     */
    private String addIfValid(GenericRecord decoded) {
      Record row = null;
      RuntimeException conversion = null;
      try {
        row = records.fromAvro(decoded);
      } catch (RuntimeException e) {
        conversion = e;
      }
      ValidationResult result = row != null && boundValidator != null
          ? boundValidator.validate(row::get)
          : validator.validate(FieldValues.of(decoded));
      if (!result.isValid()) {
        return "contract " + config.contractVersion() + ": " + result.reason();
      }
      if (row == null) {
        return "cannot convert to table row: " + conversion.getMessage();
      }
      validBatch.add(row);
      return null;
    }

    private static String eventId(GenericRecord decoded) {
      Object id = decoded != null && decoded.hasField("event_id") ? decoded.get("event_id") : null;
      return id == null ? null : id.toString();
    }

    private void commit() {
      if (!invalidBatch.isEmpty()) {
        deadLetters.flush();
        KafkaOffsets next = quarantineOffsets.with(source.topic(), positions);
        List<DataFile> files = quarantineWriter.write(invalidBatch);
        Map<String, String> properties = new HashMap<>(properties(next));
        properties.put(CommitProperties.QUARANTINE_REASONS, invalidReasons.toJson());
        quarantineWriter.commit(files, properties);
        quarantineOffsets = next;
        quarantined += invalidBatch.size();
        invalidBatch.clear();
        invalidReasons.clear();
        commits++;
      }
      KafkaOffsets next = tableOffsets.with(source.topic(), positions);
      List<DataFile> files = tableWriter.write(validBatch);
      tableWriter.commit(files, properties(next));
      tableOffsets = next;
      written += validBatch.size();
      validBatch.clear();
      commits++;
      batchRecords = 0;
      batchStart = System.nanoTime();
      progress.progress(summary());
    }

    private Map<String, String> properties(KafkaOffsets offsets) {
      return Map.of(
          CommitProperties.KAFKA_OFFSETS, offsets.toJson(),
          CommitProperties.CONTRACT_VERSION, config.contractVersion(),
          CommitProperties.LINEAGE_RUN_ID, runId.toString(),
          CommitProperties.PRODUCT, config.product());
    }

    private boolean caughtUp() {
      Map<Integer, Long> ends = source.endOffsets();
      for (Map.Entry<Integer, Long> end : ends.entrySet()) {
        if (positions.getOrDefault(end.getKey(), 0L) < end.getValue()) {
          return false;
        }
      }
      return true;
    }

    private long lag() {
      long total = 0;
      for (Map.Entry<Integer, Long> end : source.endOffsets().entrySet()) {
        total += Math.max(0, end.getValue() - positions.getOrDefault(end.getKey(), 0L));
      }
      return total;
    }

    private RunSummary summary() {
      long pending = validBatch.size() + invalidBatch.size();
      return new RunSummary(runId, in - pending, written, quarantined, skipped, commits, lag,
          Duration.ofNanos(System.nanoTime() - startNanos));
    }
  }
}

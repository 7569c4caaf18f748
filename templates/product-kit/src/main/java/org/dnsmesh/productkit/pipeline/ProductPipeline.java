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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.generic.IndexedRecord;
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
import org.dnsmesh.productkit.write.PendingRows;
import org.dnsmesh.productkit.write.RowDecoder;

/**
 * consume -> decode -> validate -> valid rows to the product table, invalid rows to the quarantine table and the
 * dead-letter sink.
 *
 * <p>Exactly-once: every commit stores, in its snapshot summary, the next Kafka offset of every partition it covers
 * (plus contract version and lineage run id). A batch commits the quarantine table first (only when it has
 * rejects), then the product table (always, so its offsets advance). On start the source is positioned at the
 * product table's offsets; a reject below the quarantine table's own offsets is already quarantined and skipped.
 * So a kill at any moment loses nothing and duplicates nothing in either table.
 *
 * <p>Batches are written and committed on one background thread ({@link OrderedCommitter}) while this thread
 * consumes and validates the next batch: commits stay one at a time and in offset order, a failed commit fails the
 * run before any later batch commits, and at most two batches are in memory (the one committing, the one building).
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

  /** What one batch commit added (applied to the run's counts on the pipeline thread once it has succeeded). */
  private record BatchResult(long written, long quarantined, int commits) {}

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
    /** The writer thread's own decode target (the writer decodes every row once more as it writes it). */
    private GenericRecord writerReuse;
    /** Threads that write partitions beside the writer thread (Avro path only); null when there is one. */
    private ExecutorService writerHelpers;
    private KafkaOffsets tableOffsets;
    private KafkaOffsets quarantineOffsets;
    private final Map<Integer, Long> positions = new HashMap<>();
    private PendingRows validBatch;
    /** The table's columns are the read schema's fields: rows go to Parquet from their Avro records. */
    private final boolean writesAvro;
    private List<Record> invalidBatch = new ArrayList<>();
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
      this.validBatch = tableWriter.newPendingRows();
      this.writesAvro = tableWriter.writesAvro(codec.readSchema());
      this.tableOffsets = KafkaOffsets.committedIn(table);
      this.quarantineOffsets = KafkaOffsets.committedIn(quarantine);
    }

    RunSummary execute() {
      Map<Integer, Long> resume = tableOffsets.forTopic(source.topic());
      positions.putAll(resume);
      source.open(resume);
      if (writesAvro && config.writerThreads() > 1) {
        writerHelpers = Executors.newFixedThreadPool(config.writerThreads() - 1,
            Thread.ofPlatform().name("pipeline-writer-" + config.product() + "-helper-", 1).daemon().factory());
      }
      try (OrderedCommitter<BatchResult> committer = new OrderedCommitter<>("pipeline-writer-" + config.product())) {
        try {
          while (!stopRequested) {
            List<InputRecord> polled = source.poll(config.pollTimeout());
            for (InputRecord record : polled) {
              accept(record);
            }
            apply(committer.pollFinished()); // surfaces a failed commit while the next batch is still building
            boolean batchFull = batchRecords >= config.batchRecords();
            boolean batchOld = batchRecords > 0 && System.nanoTime() - batchStart >= config.maxBatchAge().toNanos();
            if (batchFull || batchOld || (polled.isEmpty() && batchRecords > 0)) {
              handOff(committer);
            }
            if (polled.isEmpty() && until == RunUntil.CAUGHT_UP && caughtUp()) {
              break;
            }
          }
          if (batchRecords > 0) {
            handOff(committer);
          }
          apply(committer.await());
        } catch (RuntimeException | Error e) {
          Throwable inFlight = committer.awaitQuietly();
          if (inFlight != null && inFlight != e) {
            e.addSuppressed(inFlight);
          }
          throw e;
        }
      } finally {
        if (writerHelpers != null) {
          writerHelpers.shutdownNow();
        }
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
      if (input.rejected() != null) {
        reason = QuarantineReasons.versioned(input.rejected(), config.contractVersion());
      } else {
        try {
          decoded = codec.decode(input.value(), reuse);
          reuse = decoded; // its values are copied into the row below, so the next record may overwrite them
          reason = addIfValid(decoded, input.value());
          if (reason == null) {
            return;
          }
        } catch (UndecodableRecordException e) {
          reason = e.getMessage();
        } catch (RuntimeException e) {
          reason = "cannot convert to table row: " + e.getMessage();
        }
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
    private String addIfValid(GenericRecord decoded, byte[] encoded) {
      if (writesAvro && boundValidator != null) {
        // the Avro record's fields are the table's columns: validate and key it as decoded, no table row at all
        ValidationResult result = boundValidator.validate(decoded::get);
        if (!result.isValid()) {
          return "contract " + config.contractVersion() + ": " + result.reason();
        }
        validBatch.add(decoded, encoded);
        return null;
      }
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
      validBatch.add(row, encoded);
      return null;
    }

    /** On the writer thread: a row's bytes back to the Avro record that was validated (same bytes, same decoding). */
    private GenericRecord decodeAvroForWrite(byte[] encoded) {
      try {
        writerReuse = codec.decode(encoded, writerReuse);
        return writerReuse;
      } catch (UndecodableRecordException e) {
        throw new IllegalStateException("a row that decoded when validated no longer decodes: " + e.getMessage(), e);
      }
    }

    /** For each writer thread: a row's bytes back to the Avro record that was validated, into its own record. */
    private RowDecoder<IndexedRecord> avroDecoderForWrite() {
      return new RowDecoder<>() {
        private GenericRecord reuse;

        @Override
        public IndexedRecord decode(byte[] buffer, int offset, int length) {
          try {
            reuse = codec.decode(buffer, offset, length, reuse);
            return reuse;
          } catch (UndecodableRecordException e) {
            throw new IllegalStateException("a row that decoded when validated no longer decodes: " + e.getMessage(),
                e);
          }
        }
      };
    }

    /** On the writer thread: a row's bytes back to the record that was validated (same bytes, same decoding). */
    private Record decodeForWrite(byte[] encoded) {
      return records.fromAvro(decodeAvroForWrite(encoded));
    }

    private static String eventId(GenericRecord decoded) {
      Object id = decoded != null && decoded.hasField("event_id") ? decoded.get("event_id") : null;
      return id == null ? null : id.toString();
    }

    /**
     * Hands the batch built so far to the writer thread and starts a new one. Everything the commit needs is fixed
     * here, on the pipeline thread: the rows, the offsets they cover (the positions move on as the next batch is
     * consumed) and the counts the run will have once it committed. The previous commit is awaited first, so it has
     * succeeded (else its failure is thrown here and this batch is never committed) and the counts are final.
     * Dead letters are flushed here too: the sink stays single-threaded and its letters still precede the quarantine
     * commit, as before.
     */
    private void handOff(OrderedCommitter<BatchResult> committer) {
      apply(committer.await());
      PendingRows valid = validBatch;
      List<Record> invalid = invalidBatch;
      validBatch = tableWriter.newPendingRows();
      invalidBatch = new ArrayList<>();
      KafkaOffsets quarantineNext = null;
      String reasonsJson = null;
      if (!invalid.isEmpty()) {
        deadLetters.flush();
        quarantineNext = quarantineOffsets.with(source.topic(), positions);
        quarantineOffsets = quarantineNext;
        reasonsJson = invalidReasons.toJson(); // fixed with the batch: the next one counts its own reasons
        invalidReasons.clear();
      }
      KafkaOffsets tableNext = tableOffsets.with(source.topic(), positions);
      tableOffsets = tableNext;
      int batchCommits = invalid.isEmpty() ? 1 : 2;
      long inAfter = in;
      long writtenAfter = written + valid.size();
      long quarantinedAfter = quarantined + invalid.size();
      long skippedAfter = skipped;
      long commitsAfter = commits + batchCommits;
      KafkaOffsets quarantineCommit = quarantineNext;
      String quarantineReasons = reasonsJson;
      committer.submit(() -> {
        // quarantine first, then the table (always, so its offsets advance): see the class comment
        if (quarantineCommit != null) {
          Map<String, String> quarantineProperties = new HashMap<>(properties(quarantineCommit));
          quarantineProperties.put(CommitProperties.QUARANTINE_REASONS, quarantineReasons);
          quarantineWriter.commit(quarantineWriter.write(invalid), quarantineProperties);
        }
        List<DataFile> files = writesAvro
            ? tableWriter.writeAvroRows(valid, this::avroDecoderForWrite, writerHelpers, config.writerThreads())
            : tableWriter.write(valid, this::decodeForWrite);
        tableWriter.commit(files, properties(tableNext));
        progress.progress(new RunSummary(runId, inAfter, writtenAfter, quarantinedAfter, skippedAfter, commitsAfter,
            0, Duration.ofNanos(System.nanoTime() - startNanos)));
        return new BatchResult(valid.size(), invalid.size(), batchCommits);
      });
      batchRecords = 0;
      batchStart = System.nanoTime();
    }

    private void apply(BatchResult committed) {
      if (committed != null) {
        written += committed.written();
        quarantined += committed.quarantined();
        commits += committed.commits();
      }
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

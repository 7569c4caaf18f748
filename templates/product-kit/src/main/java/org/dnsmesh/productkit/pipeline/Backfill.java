package org.dnsmesh.productkit.pipeline;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.dnsmesh.productkit.normalize.CaptureDuplicateFilter;
import org.dnsmesh.productkit.normalize.DnsNormalizer;
import org.dnsmesh.productkit.pseudonymize.PrivacyPolicy;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.transport.AvroEventCodec;
import org.dnsmesh.productkit.transport.EventSink;
import org.dnsmesh.productkit.transport.UndecodableRecordException;
import org.dnsmesh.productkit.validate.FieldValues;
import org.dnsmesh.productkit.validate.RecordValidator;
import org.dnsmesh.productkit.validate.ValidationResult;
import org.dnsmesh.productkit.write.CommitProperties;
import org.dnsmesh.productkit.write.IcebergRecords;
import org.dnsmesh.productkit.write.IcebergSchemas;
import org.dnsmesh.productkit.write.IcebergTableWriter;

/**
 * Replays source files for a date range {@code [from, to)} straight into the product table, idempotently: the same
 * ingest path as live traffic (normalise, drop capture copies, pseudonymise, encode), then dedup by
 * {@code event_id}, validate, and replace exactly the rows of the range (its whole partitions: the range must be
 * aligned with the table's hour or day partition; a range the source has no events for is emptied). Its commit has no Kafka offsets, so the live pipeline's resume point is unaffected.
 * Holds the range's rows in memory: replay a day or a few at a time.
 */
public final class Backfill {

  private final PipelineConfig config;
  private final Catalog catalog;
  private final AvroEventCodec codec;
  private final RecordValidator validator;

  public Backfill(PipelineConfig config, Catalog catalog, AvroEventCodec codec, RecordValidator validator) {
    this.config = Objects.requireNonNull(config, "config");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.validator = Objects.requireNonNull(validator, "validator");
  }

  /** What produces the replayed events: an ingest path writing encoded events (and rejects) into a sink. */
  @FunctionalInterface
  public interface Producer {
    IngestSummary produce(EventSink sink) throws IOException;
  }

  public BackfillSummary replay(List<DnsEventSource> sources, Instant from, Instant to, DnsNormalizer normalizer,
      PrivacyPolicy privacy) throws IOException {
    return replay(sink -> {
      DnsIngest ingest = new DnsIngest(normalizer, privacy, codec, sink, DeadLetterSink.none());
      long read = 0;
      long published = 0;
      long duplicates = 0;
      long unparsed = 0;
      long rejected = 0;
      for (DnsEventSource source : sources) {
        IngestSummary one = ingest.ingest(source, CaptureDuplicateFilter.oneMillisecond());
        read += one.read();
        published += one.published();
        duplicates += one.duplicates();
        unparsed += one.unparsed();
        rejected += one.rejected();
      }
      return new IngestSummary(read, published, duplicates, unparsed, rejected);
    }, from, to);
  }

  /**
   * Replays what {@code producer} produces (a product's own ingest: its transform, exclusions and privacy rules),
   * encoded with this backfill's codec, into the partitions of {@code [from, to)}.
   */
  public BackfillSummary replay(Producer producer, Instant from, Instant to) throws IOException {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("backfill range is empty: [" + from + ", " + to + ")");
    }

    String runId = UUID.randomUUID().toString();
    Schema schema = IcebergSchemas.fromAvro(codec.readSchema());
    Table table = IcebergTableWriter.createOrLoad(catalog, config.table(), schema, config.layout());
    Table quarantineTable = IcebergTableWriter.createOrLoad(catalog, config.quarantineTable(),
        QuarantineSchema.SCHEMA, QuarantineSchema.LAYOUT);
    // refuse an unaligned range before reading anything
    IcebergTableWriter.requireAlignedRange(table.spec(), "event_ts", micros(from), micros(to));
    IcebergRecords records = new IcebergRecords(table.schema());
    long fromMicros = micros(from);
    long toMicros = micros(to);
    List<Record> valid = new ArrayList<>();
    List<Record> invalid = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long[] counts = new long[2]; // out of range, duplicate ids
    long[] sequence = {0};
    EventSink collector = new EventSink() {
      @Override
      public void send(String key, byte[] value) {
        long offset = sequence[0]++;
        InputRecord input = new InputRecord("backfill", 0, offset, key, value);
        try {
          GenericRecord decoded = codec.decode(value);
          long ts = (Long) decoded.get("event_ts");
          if (ts < fromMicros || ts >= toMicros) {
            counts[0]++;
            return;
          }
          String eventId = decoded.get("event_id").toString();
          if (!seen.add(eventId)) {
            counts[1]++;
            return;
          }
          ValidationResult result = validator.validate(FieldValues.of(decoded));
          if (result.isValid()) {
            valid.add(records.fromAvro(decoded));
          } else {
            invalid.add(QuarantineSchema.record(input, eventId, "contract " + config.contractVersion() + ": "
                + result.reason(), config.contractVersion(), runId, OffsetDateTime.now(ZoneOffset.UTC)));
          }
        } catch (UndecodableRecordException e) {
          invalid.add(QuarantineSchema.record(input, null, e.getMessage(), config.contractVersion(), runId,
              OffsetDateTime.now(ZoneOffset.UTC)));
        }
      }

      @Override
      public void reject(String key, byte[] original, String reason) {
        InputRecord input = new InputRecord("backfill", 0, sequence[0]++, key, original, reason);
        invalid.add(QuarantineSchema.record(input, null, QuarantineReasons.versioned(reason, config.contractVersion()),
            config.contractVersion(), runId, OffsetDateTime.now(ZoneOffset.UTC)));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    IngestSummary produced = producer.produce(collector);
    Map<String, String> properties = Map.of(
        CommitProperties.CONTRACT_VERSION, config.contractVersion(),
        CommitProperties.LINEAGE_RUN_ID, runId,
        CommitProperties.PRODUCT, config.product(),
        "dnsmesh.backfill.range", from + "/" + to);
    IcebergTableWriter writer = new IcebergTableWriter(table);
    writer.replaceRange("event_ts", fromMicros, toMicros, writer.write(valid), properties);
    if (!invalid.isEmpty()) {
      IcebergTableWriter quarantine = new IcebergTableWriter(quarantineTable);
      quarantine.commit(quarantine.write(invalid), properties);
    }
    return new BackfillSummary(produced, counts[0],
        counts[1], valid.size(), invalid.size());
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }
}

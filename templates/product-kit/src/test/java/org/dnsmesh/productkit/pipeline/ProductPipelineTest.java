package org.dnsmesh.productkit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.dnsmesh.productkit.lineage.LineageEmitter;
import org.dnsmesh.productkit.normalize.DnsEventRows;
import org.dnsmesh.productkit.normalize.DnsNormalizer;
import org.dnsmesh.productkit.normalize.UnicodeNames;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.pseudonymize.PrivacyPolicy;
import org.dnsmesh.productkit.pseudonymize.PseudonymKey;
import org.dnsmesh.productkit.pseudonymize.Pseudonymizer;
import org.dnsmesh.productkit.source.SyntheticDnsGenerator;
import org.dnsmesh.productkit.source.SyntheticProfile;
import org.dnsmesh.productkit.transport.AvroEventCodec;
import org.dnsmesh.productkit.transport.AvroRows;
import org.dnsmesh.productkit.transport.DnsQueryEventSchema;
import org.dnsmesh.productkit.transport.LocalSchemaResolver;
import org.dnsmesh.productkit.validate.FieldRule;
import org.dnsmesh.productkit.validate.FieldType;
import org.dnsmesh.productkit.validate.Presence;
import org.dnsmesh.productkit.validate.RecordValidator;
import org.dnsmesh.productkit.write.CommitProperties;
import org.dnsmesh.productkit.write.KafkaOffsets;
import org.dnsmesh.productkit.write.TableLayout;
import org.dnsmesh.productkit.write.TestCatalogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductPipelineTest {

  static final String TOPIC = "na.na-resolver-queries.raw";
  static final AvroEventCodec CODEC = AvroEventCodec.of(DnsQueryEventSchema.SCHEMA, new LocalSchemaResolver());
  static final RecordValidator VALIDATOR = new RecordValidator(List.of(
      FieldRule.of("event_id", FieldType.STRING, Presence.REQUIRED).matching("[0-9a-f]{32}"),
      FieldRule.of("event_ts", FieldType.TIMESTAMP, Presence.REQUIRED),
      FieldRule.of("qtype", FieldType.STRING, Presence.REQUIRED)
          .allowed(Set.of("A", "AAAA", "HTTPS", "PTR", "MX", "TXT", "CNAME", "SRV", "NS")),
      FieldRule.of("latency_ms", FieldType.NUMBER, Presence.OPTIONAL).range(0.0, 60_000.0)));
  static final TableLayout LAYOUT = new TableLayout(List.of("day(event_ts)", "tld"), List.of("query_name"));

  @TempDir Path warehouse;
  JdbcCatalog catalog;
  final List<DeadLetter> letters = new ArrayList<>();
  int expectedInvalid;

  @BeforeEach
  void catalog() {
    catalog = TestCatalogs.jdbc(warehouse);
  }

  @AfterEach
  void close() throws Exception {
    catalog.close();
  }

  /** Synthetic events, pseudonymised and encoded; SOA queries break the qtype enum rule. */
  List<byte[]> events(int count, long seed) {
    PrivacyPolicy policy = new PrivacyPolicy(DnsQueryEventSchema.TREATMENTS, new Pseudonymizer(new DomainKeyRing("na",
        "k1", Map.of("k1", new PseudonymKey("k1", "test-key-0123456789".getBytes(StandardCharsets.UTF_8))))));
    DnsNormalizer normalizer = new DnsNormalizer(UnicodeNames.DROP);
    List<byte[]> out = new ArrayList<>();
    new SyntheticDnsGenerator(SyntheticProfile.resolverDefaults(count, seed)).generate(count, raw -> {
      GenericRecord record = AvroRows.toRecord(DnsQueryEventSchema.SCHEMA,
          policy.apply(DnsEventRows.toRow(normalizer.normalize(raw))));
      if ("SOA".equals(record.get("qtype").toString())) {
        expectedInvalid++;
      }
      out.add(CODEC.encode(record));
    });
    return out;
  }

  ProductPipeline pipeline(int batch) {
    return pipeline(batch, ProgressListener.none());
  }

  ProductPipeline pipeline(int batch, ProgressListener progress) {
    PipelineConfig config = PipelineConfig.of("na-resolver-queries", "1.0.0",
        TableIdentifier.of("na", "resolver_queries"), LAYOUT).withBatchRecords(batch);
    DeadLetterSink sink = new DeadLetterSink() {
      @Override
      public void send(DeadLetter letter) {
        letters.add(letter);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    return new ProductPipeline(config, catalog, CODEC, VALIDATOR, sink, LineageEmitter.none(), progress,
        "iceberg://na");
  }

  static List<Record> rows(Table table) throws Exception {
    table.refresh();
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(table).build()) {
      it.forEach(r -> rows.add(r.copy()));
    }
    return rows;
  }

  @Test
  void validRowsToTableInvalidToQuarantineWithOffsetsInSnapshots() throws Exception {
    ListRecordSource source = new ListRecordSource(TOPIC, 3, 700);
    List<byte[]> events = events(2_000, 11);
    events.forEach(e -> source.append(new String(e, 20, 8, StandardCharsets.ISO_8859_1), e));
    byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
    source.append("garbage", garbage);
    expectedInvalid++;

    RunSummary summary = pipeline(1_000).run(source, RunUntil.CAUGHT_UP);

    assertThat(summary.in()).isEqualTo(2_001);
    assertThat(summary.quarantined()).isEqualTo(expectedInvalid).isPositive();
    assertThat(summary.written()).isEqualTo(2_001 - expectedInvalid);
    assertThat(summary.skipped()).isZero();
    Table table = catalog.loadTable(TableIdentifier.of("na", "resolver_queries"));
    Table quarantine = catalog.loadTable(TableIdentifier.of("na", "resolver_queries_quarantine"));
    List<Record> written = rows(table);
    assertThat(written).hasSize((int) summary.written());
    assertThat(written.stream().map(r -> r.getField("event_id")).distinct()).hasSize(written.size());
    assertThat(table.spec().fields()).hasSize(2);
    List<Record> quarantined = rows(quarantine);
    assertThat(quarantined).hasSize(expectedInvalid);
    Record bad = quarantined.stream().filter(r -> r.getField("reason").toString().contains("not Avro")).findFirst()
        .orElseThrow();
    assertThat(((ByteBuffer) bad.getField("original"))).isEqualTo(ByteBuffer.wrap(garbage));
    assertThat(quarantined).anySatisfy(r -> assertThat(r.getField("reason").toString())
        .contains("contract 1.0.0: qtype: 'SOA' is not one of"));
    assertThat(letters).hasSize(expectedInvalid);
    Snapshot snapshot = table.currentSnapshot();
    assertThat(snapshot.summary()).containsEntry(CommitProperties.CONTRACT_VERSION, "1.0.0")
        .containsEntry(CommitProperties.LINEAGE_RUN_ID, summary.runId().toString())
        .containsEntry(CommitProperties.PRODUCT, "na-resolver-queries");
    assertThat(KafkaOffsets.committedIn(table).forTopic(TOPIC)).isEqualTo(source.endOffsets());
    // reason classes per quarantine commit: they add up to the quarantined records
    Map<String, Long> byReason = new java.util.TreeMap<>();
    for (Snapshot commit : quarantine.snapshots()) {
      String json = commit.summary().get(CommitProperties.QUARANTINE_REASONS);
      assertThat(json).as("reasons of quarantine commit %s", commit.snapshotId()).isNotNull();
      new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).properties()
          .forEach(e -> byReason.merge(e.getKey(), e.getValue().asLong(), Long::sum));
    }
    assertThat(byReason).containsEntry("undecodable", 1L).containsKey("contract.qtype");
    assertThat(byReason.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(expectedInvalid);
  }

  @Test
  void reasonClassesAreCoarse() {
    assertThat(QuarantineReasons.classOf("contract 1.0.0: qtype: 'SOA' is not one of [A]; rcode: x"))
        .isEqualTo("contract.qtype");
    assertThat(QuarantineReasons.classOf("cannot convert to table row: boom")).isEqualTo("unconvertible");
    assertThat(QuarantineReasons.classOf("not Avro single-object encoding: x")).isEqualTo("undecodable");
  }

  @Test
  void restartResumesFromTheOffsetsInTheTable() throws Exception {
    ListRecordSource source = new ListRecordSource(TOPIC, 2, 500);
    List<byte[]> events = events(2_000, 12);
    for (int i = 0; i < 1_200; i++) {
      source.append("k" + i, events.get(i));
    }
    RunSummary first = pipeline(1_000).run(source, RunUntil.CAUGHT_UP);
    for (int i = 1_200; i < 2_000; i++) {
      source.append("k" + i, events.get(i));
    }
    RunSummary second = pipeline(1_000).run(source, RunUntil.CAUGHT_UP);

    assertThat(first.in()).isEqualTo(1_200);
    assertThat(second.in()).isEqualTo(800);
    Table table = catalog.loadTable(TableIdentifier.of("na", "resolver_queries"));
    Table quarantine = catalog.loadTable(TableIdentifier.of("na", "resolver_queries_quarantine"));
    assertThat(rows(table)).hasSize(2_000 - expectedInvalid);
    assertThat(rows(quarantine)).hasSize(expectedInvalid);
  }

  @Test
  void quarantineCommittedAheadOfTheTableIsNotDuplicated() throws Exception {
    ListRecordSource source = new ListRecordSource(TOPIC, 1, 10_000);
    events(700, 13).forEach(e -> source.append("k", e));
    pipeline(100_000).run(source, RunUntil.CAUGHT_UP);
    Table table = catalog.loadTable(TableIdentifier.of("na", "resolver_queries"));
    long afterFirstRun = table.currentSnapshot().snapshotId();
    int invalidBefore = expectedInvalid;
    events(800, 14).forEach(e -> source.append("k", e));
    source.append("k", new byte[] {1, 2, 3});
    expectedInvalid++;
    pipeline(100_000).run(source, RunUntil.CAUGHT_UP);
    // Simulate a kill after the quarantine commit but before the table commit: undo the table's last commit.
    table.refresh();
    table.manageSnapshots().rollbackTo(afterFirstRun).commit();
    assertThat(rows(table)).hasSize(700 - invalidBefore);

    RunSummary rerun = pipeline(100_000).run(source, RunUntil.CAUGHT_UP);

    assertThat(rerun.in()).isEqualTo(801);
    assertThat(rerun.skipped()).isEqualTo(expectedInvalid - invalidBefore).isPositive();
    assertThat(rerun.quarantined()).isZero();
    List<Record> written = rows(table);
    assertThat(written).hasSize(1_501 - expectedInvalid);
    Set<Object> ids = new HashSet<>();
    written.forEach(r -> ids.add(r.getField("event_id")));
    assertThat(ids).hasSize(written.size());
    assertThat(rows(catalog.loadTable(TableIdentifier.of("na", "resolver_queries_quarantine"))))
        .hasSize(expectedInvalid);
  }

  @Test
  void aFailureOnTheWriterThreadFailsTheRunAndNoLaterBatchCommits() throws Exception {
    ListRecordSource source = new ListRecordSource(TOPIC, 1, 250);
    events(2_000, 15).forEach(e -> source.append("k", e));
    ProgressListener failsAfterFirstCommit = new ProgressListener() {
      @Override
      public void progress(RunSummary soFar) {
        throw new IllegalStateException("progress sink broke after commit " + soFar.commits());
      }

      @Override
      public void finished(RunSummary summary) {}
    };

    assertThatThrownBy(() -> pipeline(500, failsAfterFirstCommit).run(source, RunUntil.CAUGHT_UP))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("progress sink broke");

    // batch 1 committed (its failure came after its commit), batches 2.. never: the table stops at batch 1's offsets
    Table table = catalog.loadTable(TableIdentifier.of("na", "resolver_queries"));
    List<Snapshot> snapshots = new ArrayList<>();
    table.snapshots().forEach(snapshots::add);
    assertThat(snapshots).hasSize(1);
    assertThat(KafkaOffsets.committedIn(table).forTopic(TOPIC)).isEqualTo(Map.of(0, 500L));

    RunSummary resumed = pipeline(500).run(source, RunUntil.CAUGHT_UP);
    assertThat(resumed.in()).isEqualTo(1_500);
    assertThat(rows(table).size() + rows(catalog.loadTable(TableIdentifier.of("na", "resolver_queries_quarantine")))
        .size()).isEqualTo(2_000);
  }
}

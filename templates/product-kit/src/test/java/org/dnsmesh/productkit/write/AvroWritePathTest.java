package org.dnsmesh.productkit.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.dnsmesh.productkit.normalize.DnsNormalizer;
import org.dnsmesh.productkit.normalize.UnicodeNames;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.pseudonymize.PrivacyPolicy;
import org.dnsmesh.productkit.pseudonymize.PseudonymKey;
import org.dnsmesh.productkit.pseudonymize.Pseudonymizer;
import org.dnsmesh.productkit.source.SyntheticDnsGenerator;
import org.dnsmesh.productkit.source.SyntheticProfile;
import org.dnsmesh.productkit.transport.AvroEventCodec;
import org.dnsmesh.productkit.transport.DnsQueryEventSchema;
import org.dnsmesh.productkit.transport.EventRecordBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Avro write path (rows keyed and written from their Avro records) gives the same files (partitions, counts, column metrics) and rows as the generic path. */
class AvroWritePathTest {

  private static final TableLayout LAYOUT = new TableLayout(List.of("day(event_ts)", "tld"), List.of("query_name"));

  @TempDir Path warehouse;

  @Test
  void sameFilesMetricsAndRowsAsTheGenericPath() throws Exception {
    org.apache.avro.Schema avro = DnsQueryEventSchema.SCHEMA;
    AvroEventCodec codec = AvroEventCodec.of(avro, fingerprint -> null);
    List<byte[]> encoded = encodedEvents(codec, 6_000);
    Schema schema = IcebergSchemas.fromAvro(avro);
    try (JdbcCatalog catalog = TestCatalogs.jdbc(warehouse)) {
      IcebergTableWriter generic = writer(catalog, "generic", schema);
      IcebergTableWriter direct = writer(catalog, "avro", schema);
      assertThat(direct.writesAvro(avro)).isTrue();

      IcebergRecords records = new IcebergRecords(generic.table().schema());
      List<DataFile> genericFiles = generic.write(pending(generic, records, codec, encoded),
          bytes -> records.fromAvro(decode(codec, bytes)));
      GenericRecord[] reuse = new GenericRecord[1];
      RowDecoder<IndexedRecord> reusing = (buffer, offset, length) -> {
        reuse[0] = decodeInto(codec, Arrays.copyOfRange(buffer, offset, offset + length), reuse[0]); // reused, as the pipeline does
        return reuse[0];
      };
      List<DataFile> avroFiles = direct.writeAvroRows(pendingFromAvro(direct, codec, encoded), () -> reusing, null, 1);
      generic.commit(genericFiles, Map.of());
      direct.commit(avroFiles, Map.of());

      assertThat(avroFiles).hasSameSizeAs(genericFiles).hasSizeGreaterThan(3);
      Comparator<DataFile> byPartition = Comparator.comparing(f -> f.partition().toString());
      List<DataFile> a = avroFiles.stream().sorted(byPartition).toList();
      List<DataFile> g = genericFiles.stream().sorted(byPartition).toList();
      for (int i = 0; i < a.size(); i++) {
        assertThat(a.get(i).partition().toString()).isEqualTo(g.get(i).partition().toString());
        assertThat(a.get(i).recordCount()).isEqualTo(g.get(i).recordCount());
        assertThat(a.get(i).valueCounts()).isEqualTo(g.get(i).valueCounts());
        assertThat(a.get(i).nullValueCounts()).isEqualTo(g.get(i).nullValueCounts());
        assertThat(a.get(i).lowerBounds()).isEqualTo(g.get(i).lowerBounds());
        assertThat(a.get(i).upperBounds()).isEqualTo(g.get(i).upperBounds());
      }
      assertThat(rows(direct.table())).isEqualTo(rows(generic.table())).hasSize(encoded.size());
    }
  }

  @Test
  void partitionsWrittenOnSeveralThreadsGiveTheSameFilesAndRows() throws Exception {
    org.apache.avro.Schema avro = DnsQueryEventSchema.SCHEMA;
    AvroEventCodec codec = AvroEventCodec.of(avro, fingerprint -> null);
    List<byte[]> encoded = encodedEvents(codec, 6_000);
    Schema schema = IcebergSchemas.fromAvro(avro);
    ExecutorService helpers = Executors.newFixedThreadPool(2);
    try (JdbcCatalog catalog = TestCatalogs.jdbc(warehouse)) {
      IcebergTableWriter one = writer(catalog, "one", schema);
      IcebergTableWriter three = writer(catalog, "three", schema);
      List<DataFile> sequential = one.writeAvroRows(pendingFromAvro(one, codec, encoded),
          () -> (buffer, offset, length) -> decode(codec, Arrays.copyOfRange(buffer, offset, offset + length)), null, 1);
      Set<String> threads = ConcurrentHashMap.newKeySet();
      List<DataFile> parallel = three.writeAvroRows(pendingFromAvro(three, codec, encoded), () -> {
        GenericRecord[] reuse = new GenericRecord[1]; // one decode target per thread, as the pipeline does
        return (buffer, offset, length) -> {
          threads.add(Thread.currentThread().getName());
          reuse[0] = decodeInto(codec, buffer, offset, length, reuse[0]); // in place, as the pipeline does
          return reuse[0];
        };
      }, helpers, 3);
      one.commit(sequential, Map.of());
      three.commit(parallel, Map.of());

      assertThat(threads).as("partitions were written by more than one thread").hasSizeGreaterThan(1);
      assertThat(parallel).hasSameSizeAs(sequential).hasSizeGreaterThan(3);
      for (int i = 0; i < parallel.size(); i++) { // same order: the batch's partition order, not completion order
        assertThat(parallel.get(i).partition().toString()).isEqualTo(sequential.get(i).partition().toString());
        assertThat(parallel.get(i).recordCount()).isEqualTo(sequential.get(i).recordCount());
        assertThat(parallel.get(i).lowerBounds()).isEqualTo(sequential.get(i).lowerBounds());
        assertThat(parallel.get(i).upperBounds()).isEqualTo(sequential.get(i).upperBounds());
      }
      assertThat(rows(three.table())).isEqualTo(rows(one.table())).hasSize(encoded.size());
    } finally {
      helpers.shutdownNow();
    }
  }

  @Test
  void aFailedPartitionFailsTheParallelWrite() throws Exception {
    org.apache.avro.Schema avro = DnsQueryEventSchema.SCHEMA;
    AvroEventCodec codec = AvroEventCodec.of(avro, fingerprint -> null);
    List<byte[]> encoded = encodedEvents(codec, 3_000);
    ExecutorService helpers = Executors.newFixedThreadPool(1);
    try (JdbcCatalog catalog = TestCatalogs.jdbc(warehouse)) {
      IcebergTableWriter writer = writer(catalog, "fails", IcebergSchemas.fromAvro(avro));
      AtomicInteger decoded = new AtomicInteger();
      assertThatThrownBy(() -> writer.writeAvroRows(pendingFromAvro(writer, codec, encoded),
          () -> (buffer, offset, length) -> {
            if (decoded.incrementAndGet() == 1_000) {
              throw new IllegalStateException("row 1000 does not decode");
            }
            return decodeInto(codec, buffer, offset, length, null);
          }, helpers, 2)).isInstanceOf(IllegalStateException.class).hasMessageContaining("row 1000 does not decode");
      assertThat(writer.table().currentSnapshot()).as("nothing committed").isNull();
    } finally {
      helpers.shutdownNow();
    }
  }

  @Test
  void aTableWhoseColumnsDifferTakesTheGenericPath() throws Exception {
    org.apache.avro.Schema avro = SchemaBuilder.record("E").fields()
        .requiredString("event_id").optionalString("tld").endRecord();
    org.apache.avro.Schema reordered = SchemaBuilder.record("E").fields()
        .optionalString("tld").requiredString("event_id").endRecord();
    org.apache.avro.Schema wider = SchemaBuilder.record("E").fields()
        .requiredString("event_id").optionalString("tld").optionalString("extra").endRecord();
    org.apache.avro.Schema enumTld = SchemaBuilder.record("E").fields()
        .requiredString("event_id").name("tld").type().optional().enumeration("Tld").symbols("com", "de").endRecord();
    org.apache.avro.Schema millis = SchemaBuilder.record("E").fields()
        .requiredString("event_id").name("tld").type(org.apache.avro.LogicalTypes.timestampMillis()
            .addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG))).noDefault().endRecord();
    try (JdbcCatalog catalog = TestCatalogs.jdbc(warehouse)) {
      IcebergTableWriter writer = new IcebergTableWriter(IcebergTableWriter.createOrLoad(catalog,
          TableIdentifier.of("w", "e"), IcebergSchemas.fromAvro(avro), new TableLayout(List.of(), List.of())));
      assertThat(writer.writesAvro(avro)).isTrue();
      assertThat(writer.writesAvro(reordered)).isFalse();
      assertThat(writer.writesAvro(wider)).isFalse();
      assertThat(writer.writesAvro(enumTld)).as("enum symbols are converted by the generic path").isFalse();
      assertThat(writer.writesAvro(millis)).as("millisecond timestamps are converted").isFalse();
    }
  }

  /** A writer of a new table {@code w.<name>} with {@code schema}, partitioned and sorted as product tables are. */
  private static IcebergTableWriter writer(JdbcCatalog catalog, String name, Schema schema) {
    return new IcebergTableWriter(IcebergTableWriter.createOrLoad(catalog, TableIdentifier.of("w", name), schema,
        LAYOUT));
  }

  private static List<byte[]> encodedEvents(AvroEventCodec codec, int count) {
    PrivacyPolicy privacy = new PrivacyPolicy(DnsQueryEventSchema.TREATMENTS, new Pseudonymizer(new DomainKeyRing(
        "na", "k1", Map.of("k1", new PseudonymKey("k1", "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8))))));
    EventRecordBuilder builder = new EventRecordBuilder(codec.writeSchema(), privacy);
    DnsNormalizer normalizer = new DnsNormalizer(UnicodeNames.KEEP);
    List<byte[]> encoded = new ArrayList<>();
    new SyntheticDnsGenerator(SyntheticProfile.resolverDefaults(count, 11))
        .generate(count, raw -> encoded.add(codec.encode(builder.build(normalizer.normalize(raw)))));
    return encoded;
  }

  private static PendingRows pending(IcebergTableWriter writer, IcebergRecords records, AvroEventCodec codec,
      List<byte[]> encoded) {
    PendingRows rows = writer.newPendingRows();
    for (byte[] bytes : encoded) {
      rows.add(records.fromAvro(decode(codec, bytes)), bytes);
    }
    return rows;
  }

  /** Keyed from the (reused) Avro record, as the pipeline does when the table's columns are the read schema's. */
  private static PendingRows pendingFromAvro(IcebergTableWriter writer, AvroEventCodec codec, List<byte[]> encoded) {
    PendingRows rows = writer.newPendingRows();
    GenericRecord reuse = null;
    for (byte[] bytes : encoded) {
      reuse = decodeInto(codec, bytes, reuse);
      rows.add(reuse, bytes);
    }
    return rows;
  }

  private static GenericRecord decode(AvroEventCodec codec, byte[] bytes) {
    return decodeInto(codec, bytes, null);
  }

  private static GenericRecord decodeInto(AvroEventCodec codec, byte[] bytes, GenericRecord reuse) {
    return decodeInto(codec, bytes, 0, bytes.length, reuse);
  }

  private static GenericRecord decodeInto(AvroEventCodec codec, byte[] buffer, int offset, int length,
      GenericRecord reuse) {
    try {
      return codec.decode(buffer, offset, length, reuse);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> rows(Table table) throws Exception {
    List<String> rows = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      read.forEach(r -> rows.add(r.toString()));
    }
    rows.sort(Comparator.naturalOrder());
    return rows;
  }
}

package org.dnsmesh.products.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.dnsmesh.productkit.normalize.CaptureDuplicateFilter;
import org.dnsmesh.productkit.pipeline.DeadLetterSink;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.pseudonymize.PseudonymKey;
import org.dnsmesh.productkit.transport.EventSink;
import org.dnsmesh.productkit.write.IcebergRecords;
import org.dnsmesh.productkit.write.IcebergSchemas;
import org.dnsmesh.productkit.write.IcebergTableWriter;
import org.dnsmesh.products.na.NaResolverQueries;
import org.dnsmesh.products.support.DerivedTables;
import org.dnsmesh.products.support.KafkaProductRun;
import org.dnsmesh.products.support.LocalCatalogs;
import org.dnsmesh.products.support.ProductIngest;
import org.dnsmesh.products.support.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Derived tables kept up to date incrementally equal the same tables computed from the whole raw table, after
 * appends that touch old and new days and after a backfill that replaces a day. Raw rows: the first 6,000 lines of
 * the real WRCCDC 2018 log, spread over three UTC days by shifting each line's timestamp by 0, 1 or 2 days.
 */
class IncrementalDerivedTest {

  static final DomainKeyRing KEYS = new DomainKeyRing("na", "k1",
      Map.of("k1", new PseudonymKey("k1", "na-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))));

  @TempDir Path dir;

  @Test
  void refreshingChangedDaysEqualsRecomputingEverything() throws Exception {
    DemoProduct na = DemoProduct.na();
    JdbcCatalog catalog = LocalCatalogs.jdbc("dnsmesh_test_incremental"
        + System.getenv().getOrDefault("MESH_TEST_DB_SUFFIX", ""), dir.resolve("warehouse"));
    catalog.createNamespace(Namespace.of("na"));
    ProductIngest ingest = new ProductIngest(na.contract(), na.transform().get(), KEYS);
    Table raw = IcebergTableWriter.createOrLoad(catalog, na.contract().table(),
        IcebergSchemas.fromAvro(ingest.codec().readSchema()), na.contract().layout());
    List<String> lines = wrccdcLines(6_000);

    append(raw, ingest, lines, i -> i < 3_000 && i % 3 != 2); // days 0 and 1
    Map<String, Long> first = DemoProducts.refreshDerived(na, catalog, null, raw);
    assertThat(first).containsOnlyKeys(na.derivedTables()).allSatisfy((t, n) -> assertThat(n).as(t).isPositive());
    assertEqualsFullRecompute(na, catalog, raw);

    append(raw, ingest, lines, i -> i >= 3_000 && i % 3 != 0); // days 1 and 2
    raw.refresh();
    String from = catalog.loadTable(TableIdentifier.of("na", "dns_daily_summary")).currentSnapshot().summary()
        .get(DemoProducts.DERIVED_FROM);
    assertThat(org.dnsmesh.products.support.RawChanges.since(raw, Long.valueOf(from)))
        .as("changes since " + from + " in " + raw.history())
        .isEqualTo(new org.dnsmesh.products.support.RawChanges(java.util.Set.of(day(1), day(2)), false));
    DemoProducts.refreshDerived(na, catalog, null, raw);
    for (String table : na.derivedTables()) {
      String refreshed = catalog.loadTable(TableIdentifier.parse(table)).currentSnapshot().summary()
          .get(DerivedTables.REFRESHED_DAYS);
      assertThat(refreshed).as(table + " recomputed only the days the append touched")
          .isEqualTo(List.of(day(1), day(2)).toString());
    }
    assertEqualsFullRecompute(na, catalog, raw);

    // a backfill of day 0 (dynamic partition overwrite) with a third of its rows
    IcebergRecords records = new IcebergRecords(raw.schema());
    List<Record> day0 = new ArrayList<>();
    for (byte[] bytes : encode(ingest, lines, i -> i % 3 == 0 && i % 2 == 0)) {
      day0.add(records.fromAvro(ingest.codec().decode(bytes)));
    }
    IcebergTableWriter writer = new IcebergTableWriter(raw);
    writer.replacePartitions(writer.write(day0), Map.of());
    DemoProducts.refreshDerived(na, catalog, null, raw);
    assertThat(catalog.loadTable(TableIdentifier.of("na", "dns_daily_summary")).currentSnapshot().summary()
        .get(DerivedTables.REFRESHED_DAYS)).isEqualTo(List.of(day(0)).toString());
    assertEqualsFullRecompute(na, catalog, raw);

    Map<String, Long> unchanged = DemoProducts.refreshDerived(na, catalog, null, raw);
    long snapshot = catalog.loadTable(TableIdentifier.of("na", "dns_daily_summary")).currentSnapshot().snapshotId();
    assertThat(DemoProducts.refreshDerived(na, catalog, null, raw)).isEqualTo(unchanged);
    assertThat(catalog.loadTable(TableIdentifier.of("na", "dns_daily_summary")).currentSnapshot().snapshotId())
        .as("nothing new: no commit").isEqualTo(snapshot);
  }

  private static LocalDate day(int offset) {
    return LocalDate.of(2018, 3, 24).plusDays(offset);
  }

  /** Every derived table equals the same table computed from every raw row, written elsewhere. */
  private static void assertEqualsFullRecompute(DemoProduct product, JdbcCatalog catalog, Table raw)
      throws IOException {
    List<Row> all = KafkaProductRun.rows(raw);
    for (DerivedTable<?> derived : product.derived()) {
      TableIdentifier expected = TableIdentifier.of("na", "expected_" + derived.table());
      if (catalog.tableExists(expected)) {
        catalog.dropTable(expected);
      }
      writeFull(catalog, expected, derived, all);
      assertThat(contents(catalog.loadTable(TableIdentifier.of("na", derived.table()))))
          .as(derived.table()).isNotEmpty().isEqualTo(contents(catalog.loadTable(expected)));
    }
  }

  private static <R extends java.lang.Record> void writeFull(JdbcCatalog catalog, TableIdentifier id,
      DerivedTable<R> derived, List<Row> all) {
    DerivedTables.replace(catalog, id, derived.type(), derived.compute().apply(all), Map.of());
  }

  /** The table's rows as sorted text (column=value, ...), for an order-free comparison. */
  private static List<String> contents(Table table) throws IOException {
    List<String> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record record : records) {
        Map<String, String> values = new TreeMap<>();
        table.schema().columns().forEach(c -> values.put(c.name(), String.valueOf(record.getField(c.name()))));
        rows.add(values.toString());
      }
    }
    rows.sort(null);
    return rows;
  }

  private void append(Table raw, ProductIngest ingest, List<String> lines, Predicate<Integer> which)
      throws Exception {
    IcebergRecords records = new IcebergRecords(raw.schema());
    List<Record> rows = new ArrayList<>();
    for (byte[] bytes : encode(ingest, lines, which)) {
      rows.add(records.fromAvro(ingest.codec().decode(bytes)));
    }
    IcebergTableWriter writer = new IcebergTableWriter(raw);
    List<DataFile> files = writer.write(rows);
    writer.commit(files, Map.of());
  }

  /** The chosen lines (line i moved i % 3 days later) through the product's ingest, as the Avro bytes it produces. */
  private List<byte[]> encode(ProductIngest ingest, List<String> lines, Predicate<Integer> which) throws IOException {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (which.test(i)) {
        String line = lines.get(i);
        int tab = line.indexOf('\t');
        double ts = Double.parseDouble(line.substring(0, tab)) + 86_400L * (i % 3);
        log.append(String.format(java.util.Locale.ROOT, "%.6f", ts)).append(line.substring(tab)).append('\n');
      }
    }
    Path file = Files.createTempFile(dir, "dns", ".log");
    Files.writeString(file, header() + log, StandardCharsets.ISO_8859_1); // the bytes as read
    List<byte[]> out = new ArrayList<>();
    ingest.ingest(NaResolverQueries.source(file), CaptureDuplicateFilter.oneMillisecond(), new EventSink() {
      @Override
      public void send(String key, byte[] value) {
        out.add(value);
      }

      @Override
      public void reject(String key, byte[] original, String reason) {}

      @Override
      public void flush() {}

      @Override
      public void close() {}
    }, DeadLetterSink.none());
    return out;
  }

  private static Path wrccdc() {
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    Path file = (root == null ? Path.of("..") : root.resolve("..")).resolve("shared/data/wrccdc2018_zeek_dns.log")
        .normalize();
    assumeTrue(Files.isReadable(file), "SKIPPED: shared test data not present at " + file);
    return file;
  }

  private static String header() throws IOException {
    StringBuilder header = new StringBuilder();
    try (var reader = Files.newBufferedReader(wrccdc(), StandardCharsets.ISO_8859_1)) {
      for (String line = reader.readLine(); line != null && line.startsWith("#"); line = reader.readLine()) {
        header.append(line).append('\n');
      }
    }
    return header.toString();
  }

  private static List<String> wrccdcLines(int count) throws IOException {
    List<String> lines = new ArrayList<>();
    try (var reader = Files.newBufferedReader(wrccdc(), StandardCharsets.ISO_8859_1)) {
      for (String line = reader.readLine(); line != null && lines.size() < count; line = reader.readLine()) {
        if (!line.startsWith("#")) {
          lines.add(line);
        }
      }
    }
    return lines;
  }
}

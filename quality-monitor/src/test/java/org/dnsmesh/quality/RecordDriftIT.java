package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.dnsmesh.quality.check.CheckInput;
import org.dnsmesh.quality.check.QuarantineStats;
import org.dnsmesh.quality.check.RecordDriftCheck;
import org.dnsmesh.quality.check.SnapshotQuarantineSource;
import org.dnsmesh.quality.contract.Threshold;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.model.ProductId;
import org.dnsmesh.quality.model.TableKey;
import org.dnsmesh.quality.table.CatalogTableSource;
import org.dnsmesh.quality.table.SnapshotView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Record drift from real Iceberg snapshot summaries of a product table and its {@code _quarantine} table. */
class RecordDriftIT {
  static final Schema QUARANTINE = new Schema(Types.NestedField.required(1, "reason", Types.StringType.get()));

  @TempDir
  static Path warehouse;
  static JdbcCatalog catalog;
  static CatalogTableSource tables;

  final RecordDriftCheck check = new RecordDriftCheck(new SnapshotQuarantineSource(tables), Duration.ofHours(1),
      new Threshold(0.01, 0.05));

  @BeforeAll
  static void open() {
    catalog = SyntheticTable.catalog(warehouse);
    tables = new CatalogTableSource(catalog, CatalogTableSource.dottedNames(), Duration.ofDays(2));
  }

  @AfterAll
  static void close() throws Exception {
    catalog.close();
  }

  @Test
  void aBurstOfInvalidRecordsBreachesPerReasonAndQuietHoursAreOk() throws Exception {
    TableKey key = productTable();
    Table table = catalog.loadTable(TableIdentifier.parse(key.table()));
    Table quarantine = createTable(key.table() + "_quarantine", QUARANTINE);
    append(table, 920, Map.of());
    append(quarantine, 80, Map.of(SnapshotView.QUARANTINE_REASONS, "{\"contract.qtype\":70,\"undecodable\":8}"));

    QuarantineStats stats = new SnapshotQuarantineSource(tables)
        .stats(key, Instant.now().minus(Duration.ofHours(1)), Instant.now()).orElseThrow();
    assertThat(stats.acceptedRecords()).isEqualTo(920);
    // the 2 records the commit did not classify stay counted
    assertThat(stats.quarantinedByReason()).containsExactlyInAnyOrderEntriesOf(
        Map.of("contract.qtype", 70L, "undecodable", 8L, SnapshotQuarantineSource.UNCLASSIFIED, 2L));

    CheckResult burst = run(key, Instant.now());
    assertThat(burst.status()).isEqualTo(CheckStatus.BREACHED);
    assertThat(burst.measurements()).containsEntry("quarantine_rate", 0.08)
        .containsEntry("quarantine_rate.contract.qtype", 0.07);
    assertThat(burst.findings()).anyMatch(f -> f.startsWith("contract.qtype: 70 of 1000 records"));

    // two hours on, the burst is out of the window: nothing reported, ok
    assertThat(run(key, Instant.now().plus(Duration.ofHours(2))).status()).isEqualTo(CheckStatus.OK);
  }

  @Test
  void aProductWithoutQuarantineTableReportsNothing() throws Exception {
    TableKey key = productTable();
    append(catalog.loadTable(TableIdentifier.parse(key.table())), 100, Map.of());
    assertThat(new SnapshotQuarantineSource(tables).stats(key, Instant.EPOCH, Instant.now())).isEmpty();
    assertThat(run(key, Instant.now()).status()).isEqualTo(CheckStatus.OK);
  }

  private CheckResult run(TableKey key, Instant now) throws Exception {
    return check.run(new CheckInput(SyntheticTable.contract(key), tables.load(key, Optional.empty()), now, Map.of()));
  }

  private static TableKey productTable() {
    String namespace = "rd_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    catalog.createNamespace(Namespace.of(namespace));
    String name = namespace + ".queries";
    createTable(name, SyntheticTable.SCHEMA);
    return new TableKey(new ProductId("dns.resolver-queries"), name);
  }

  private static Table createTable(String name, Schema schema) {
    return catalog.buildTable(TableIdentifier.parse(name), schema).withPartitionSpec(PartitionSpec.unpartitioned())
        .create();
  }

  /** Metadata only: a data file entry with a record count (never read), plus the writer's summary properties. */
  private static void append(Table table, long records, Map<String, String> summary) {
    AppendFiles append = table.newAppend().appendFile(DataFiles.builder(PartitionSpec.unpartitioned())
        .withPath(warehouse.resolve("data").resolve(UUID.randomUUID() + ".parquet").toString())
        .withFormat(FileFormat.PARQUET).withFileSizeInBytes(records * 40 + 100).withRecordCount(records).build());
    summary.forEach(append::set);
    append.commit();
  }

}

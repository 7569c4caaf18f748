package org.dnsmesh.quality;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.dnsmesh.quality.contract.CompletenessSla;
import org.dnsmesh.quality.contract.ContractColumn;
import org.dnsmesh.quality.contract.ContractView;
import org.dnsmesh.quality.contract.FreshnessSla;
import org.dnsmesh.quality.contract.VolumeSla;
import org.dnsmesh.quality.model.ProductId;
import org.dnsmesh.quality.model.TableKey;
import org.dnsmesh.quality.table.CatalogTableSource;
import org.dnsmesh.infra.iceberg.LocalFileIO;
import org.dnsmesh.quality.table.TableView;

/**
 * A real Iceberg table (JdbcCatalog on the test PostgreSQL, local warehouse) whose snapshots are synthetic:
 * each append adds a data file entry with a record count and event-time bounds, committed at a simulated time.
 */
final class SyntheticTable {
  static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "event_time", Types.TimestampType.withZone()),
      Types.NestedField.required(2, "qname", Types.StringType.get()),
      Types.NestedField.optional(3, "rcode", Types.StringType.get()),
      Types.NestedField.optional(4, "ttl", Types.LongType.get()));

  /**
   * Simulated time starts ten days ago at midnight UTC: in the past, so the real-time snapshot Iceberg builds
   * sorts after the simulated ones before {@link SimulatedClockOperations} restamps it.
   */
  static final Instant EPOCH = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(10));

  private static final AtomicLong FILES = new AtomicLong();

  final TableKey key;
  final Table table;
  final SimulatedClockOperations clock;
  private final Path warehouse;

  private SyntheticTable(TableKey key, Table table, SimulatedClockOperations clock, Path warehouse) {
    this.key = key;
    this.table = table;
    this.clock = clock;
    this.warehouse = warehouse;
  }

  static JdbcCatalog catalog(Path warehouse) {
    TestDatabase.dataSource();
    JdbcCatalog catalog = new JdbcCatalog();
    Map<String, String> properties = new HashMap<>();
    properties.put(CatalogProperties.URI, TestDatabase.URL);
    properties.put("jdbc.user", "postgres");
    properties.put("jdbc.schema-version", "V1");
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse.toUri().toString());
    properties.put(CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName());
    catalog.initialize("quality_test", properties);
    return catalog;
  }

  static SyntheticTable create(JdbcCatalog catalog, Path warehouse, String name) {
    Namespace namespace = Namespace.of("qt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    catalog.createNamespace(namespace);
    TableIdentifier id = TableIdentifier.of(namespace, name);
    Table created = catalog.buildTable(id, SCHEMA).withPartitionSpec(PartitionSpec.unpartitioned())
        .withProperty("format-version", "2").create();
    SimulatedClockOperations clock = new SimulatedClockOperations(((HasTableOperations) created).operations(), EPOCH);
    Table table = new BaseTable(clock, id.toString());
    return new SyntheticTable(new TableKey(new ProductId("dns.resolver-queries"), id.toString()), table, clock, warehouse);
  }

  /** Appends a file of {@code records} rows whose newest event is {@code maxEvent}, committed at {@code at}. */
  void append(Instant at, long records, Instant maxEvent) {
    clock.setNow(at);
    long micros = maxEvent.getEpochSecond() * 1_000_000 + maxEvent.getNano() / 1000;
    ByteBuffer upper = Conversions.toByteBuffer(Types.TimestampType.withZone(), micros);
    ByteBuffer lower = Conversions.toByteBuffer(Types.TimestampType.withZone(), micros - 3_600_000_000L);
    Metrics metrics = new Metrics(records, null, Map.of(1, records), Map.of(1, 0L), null, Map.of(1, lower),
        Map.of(1, upper));
    DataFile file = DataFiles.builder(PartitionSpec.unpartitioned())
        .withPath(warehouse.resolve("data").resolve("f-" + FILES.incrementAndGet() + ".parquet").toString())
        .withFormat(FileFormat.PARQUET).withFileSizeInBytes(records * 40 + 100).withRecordCount(records)
        .withMetrics(metrics).build();
    table.newAppend().appendFile(file).commit();
  }

  /** One commit per hour from {@code from} (inclusive) to {@code until} (exclusive), events up to the commit. */
  void appendHourly(Instant from, Instant until, java.util.function.LongUnaryOperator recordsForHour) {
    for (Instant at = from; at.isBefore(until); at = at.plus(Duration.ofHours(1))) {
      long hourIndex = Duration.between(EPOCH, at).toHours();
      append(at.plus(Duration.ofMinutes(5)), recordsForHour.applyAsLong(hourIndex), at.minusSeconds(1));
    }
  }

  void addColumnOutOfBand(String name) {
    table.updateSchema().addColumn(name, Types.StringType.get()).commit();
  }

  void renameColumn(String from, String to) {
    table.updateSchema().renameColumn(from, to).commit();
  }

  TableView view() {
    table.refresh();
    return CatalogTableSource.view(key, table, Optional.of("event_time"), Duration.ofDays(2));
  }

  ContractView contract() {
    return contract(key);
  }

  static ContractView contract(TableKey key) {
    return new ContractView(key, "1.0.0",
        List.of(ContractColumn.of("event_time", "timestamp", true),
            ContractColumn.of("qname", "string", true),
            ContractColumn.of("rcode", "string", false).withAllowedValues(List.of("NOERROR", "NXDOMAIN", "SERVFAIL")),
            ContractColumn.of("ttl", "integer", false).withRange(0.0, 86400.0)),
        Optional.of("event_time"), List.of("event_time", "qname"),
        FreshnessSla.parse("within 15 minutes of the hour"), CompletenessSla.strict(), VolumeSla.hourlyDefault(),
        List.of());
  }
}

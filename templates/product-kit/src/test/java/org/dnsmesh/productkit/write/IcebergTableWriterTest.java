package org.dnsmesh.productkit.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One data file per partition per write, each holding only its partition's rows, sorted by the sort order. */
class IcebergTableWriterTest {

  static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "event_ts", Types.TimestampType.withZone()),
      Types.NestedField.optional(2, "tld", Types.StringType.get()),
      Types.NestedField.optional(3, "query_name", Types.StringType.get()));

  @TempDir Path warehouse;

  @Test
  void filesPerPartitionSortedWithNullsFirst() throws Exception {
    try (JdbcCatalog catalog = TestCatalogs.jdbc(warehouse)) {
      Table table = IcebergTableWriter.createOrLoad(catalog, TableIdentifier.of("w", "t"), SCHEMA,
          new TableLayout(List.of("day(event_ts)", "tld"), List.of("query_name")));
      IcebergTableWriter writer = new IcebergTableWriter(table);
      SplittableRandom random = new SplittableRandom(6);
      List<Record> rows = new ArrayList<>();
      String[] tlds = {"com", "de", "jp"};
      for (int i = 0; i < 3_000; i++) {
        Record row = GenericRecord.create(SCHEMA);
        row.set(0, OffsetDateTime.of(2026, 1, 5 + random.nextInt(2), 10, 0, 0, 0, ZoneOffset.UTC));
        row.set(1, tlds[random.nextInt(tlds.length)]);
        row.set(2, random.nextInt(20) == 0 ? null : "n" + random.nextInt(500) + "." + row.get(1));
        rows.add(row);
      }
      List<DataFile> files = writer.write(rows);
      writer.commit(files, Map.of("k", "v"));

      assertThat(files).hasSize(6); // 2 days x 3 tlds
      assertThat(files.stream().mapToLong(DataFile::recordCount).sum()).isEqualTo(rows.size());
      Comparator<String> order = Comparator.nullsFirst(Comparator.naturalOrder());
      for (DataFile file : files) {
        List<Record> read = read(table, file);
        assertThat(read).hasSize((int) file.recordCount());
        assertThat(read).extracting(r -> (String) r.getField("tld")).containsOnly(file.partition().get(1, String.class));
        List<String> names = read.stream().map(r -> (String) r.getField("query_name")).toList();
        assertThat(names).isSortedAccordingTo(order);
      }
    }
  }

  private static List<Record> read(Table table, DataFile file) throws Exception {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = Parquet.read(table.io().newInputFile(file.location()))
        .project(SCHEMA)
        .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(SCHEMA, fileSchema))
        .build()) {
      records.forEach(r -> rows.add(r.copy()));
    }
    return rows;
  }
}

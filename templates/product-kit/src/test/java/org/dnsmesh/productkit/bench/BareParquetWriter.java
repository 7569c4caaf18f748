package org.dnsmesh.productkit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Files;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.dnsmesh.productkit.write.IcebergTableWriter;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;

/**
 * The physical-limit baseline: Iceberg's generic Parquet writer straight to local files, one open file per
 * partition, same schema, partitioning and compression (zstd) as the product table. No Kafka, no decoding, no
 * validation, no sorting, no catalog commit.
 */
final class BareParquetWriter implements AutoCloseable {

  private final Schema schema;
  private final PartitionSpec spec;
  private final Path folder;
  private final PartitionKey key;
  private final InternalRecordWrapper wrapper;
  private final Map<PartitionKey, DataWriter<Record>> writers = new HashMap<>();
  private final AtomicInteger files = new AtomicInteger();
  private long rows;

  BareParquetWriter(Schema schema, PartitionSpec spec, Path folder) {
    this.schema = schema;
    this.spec = spec;
    this.folder = folder;
    this.key = new PartitionKey(spec, schema);
    this.wrapper = new InternalRecordWrapper(schema.asStruct());
  }

  void write(Record row) {
    key.partition(wrapper.wrap(row));
    DataWriter<Record> writer = writers.get(key);
    if (writer == null) {
      PartitionKey copy = key.copy();
      writer = open(copy);
      writers.put(copy, writer);
    }
    writer.write(row);
    rows++;
  }

  long rows() {
    return rows;
  }

  int files() {
    return files.get();
  }

  private DataWriter<Record> open(PartitionKey partition) {
    try {
      return Parquet.writeData(Files.localOutput(folder.resolve("part-" + files.incrementAndGet() + ".parquet")
              .toFile()))
          .schema(schema)
          .createWriterFunc(GenericParquetWriter::create)
          .setAll(IcebergTableWriter.parquetProperties(schema)) // the product table's compression and encodings
          .withSpec(spec)
          .withPartition(partition)
          .overwrite()
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    for (DataWriter<Record> writer : writers.values()) {
      writer.close();
    }
    writers.clear();
  }
}

package org.dnsmesh.productkit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.IndexedRecord;
import org.apache.iceberg.Files;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.dnsmesh.productkit.write.IcebergTableWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.parquet.ParquetAvroWriter;

/**
 * The physical-limit baseline: decoded Avro records written with Iceberg's {@code ParquetAvroWriter} (the writer the
 * pipeline uses) straight to local files, one open file per partition, same schema, partitioning, compression and
 * encodings as the product table. Partition keys are worked out beforehand with the decoding (untimed). No Kafka, no
 * decoding, no validation, no sorting, no catalog commit.
 */
final class BareParquetWriter implements AutoCloseable {

  private final Schema schema;
  private final PartitionSpec spec;
  private final Path folder;
  private final Map<PartitionKey, DataWriter<IndexedRecord>> writers = new ConcurrentHashMap<>();
  private final AtomicInteger files = new AtomicInteger();
  private final AtomicLong rows = new AtomicLong();

  BareParquetWriter(Schema schema, PartitionSpec spec, Path folder) {
    this.schema = schema;
    this.spec = spec;
    this.folder = folder;
  }

  /** Not thread-safe per partition: two threads may write at once only into different partitions. */
  void write(PartitionKey partition, IndexedRecord row) {
    DataWriter<IndexedRecord> writer = writers.get(partition);
    if (writer == null) {
      writer = writers.computeIfAbsent(partition, this::open);
    }
    writer.write(row);
    rows.incrementAndGet();
  }

  long rows() {
    return rows.get();
  }

  int files() {
    return files.get();
  }

  private DataWriter<IndexedRecord> open(PartitionKey partition) {
    try {
      return Parquet.writeData(Files.localOutput(folder.resolve("part-" + files.incrementAndGet() + ".parquet")
              .toFile()))
          .schema(schema)
          .createWriterFunc(ParquetAvroWriter::buildWriter)
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
    for (DataWriter<IndexedRecord> writer : writers.values()) {
      writer.close();
    }
    writers.clear();
  }
}

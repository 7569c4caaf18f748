package org.dnsmesh.infra.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.avro.Avro;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.avro.DataWriter;
import org.apache.iceberg.io.OutputFile;

/** Appends rows to an unpartitioned Iceberg table as one Avro data file (no Hadoop needed). */
public final class IcebergAppender {
  private IcebergAppender() {}

  public static DataFile append(Table table, List<Record> rows) {
    OutputFile file = table.io().newOutputFile(
        table.locationProvider().newDataLocation(UUID.randomUUID() + ".avro"));
    org.apache.iceberg.io.DataWriter<Record> writer;
    try {
      writer = Avro.writeData(file)
          .schema(table.schema())
          .createWriterFunc(DataWriter::create)
          .withSpec(table.spec())
          .overwrite()
          .build();
      try (writer) {
        rows.forEach(writer::write);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write data file for " + table.name(), e);
    }
    DataFile dataFile = writer.toDataFile();
    table.newAppend().appendFile(dataFile).commit();
    return dataFile;
  }
}

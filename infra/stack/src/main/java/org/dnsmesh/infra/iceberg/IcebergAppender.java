package org.dnsmesh.infra.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
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
    return append(table, rows, Map.of());
  }

  /** As {@link #append(Table, List)}, with extra snapshot-summary properties on the commit (as writers add). */
  public static DataFile append(Table table, List<Record> rows, Map<String, String> summary) {
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
    org.apache.iceberg.AppendFiles append = table.newAppend().appendFile(dataFile);
    summary.forEach(append::set);
    append.commit();
    return dataFile;
  }
}

package org.dnsmesh.catalog.iceberg;

import org.dnsmesh.infra.iceberg.LocalFileIO;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.ImmutableGenericPartitionStatisticsFile;
import org.apache.iceberg.PartitionStatisticsFile;
import org.apache.iceberg.GenericStatisticsFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A purge of a table whose metadata already points outside its location (written before the commit checks
 * existed, or by hand): the files under the table go, every other file stays.
 */
class TablePurgeTest {
  @TempDir
  Path root;

  @Test
  void purgeDeletesOnlyFilesUnderTheTablesLocation() throws IOException {
    Path na = Files.createDirectories(root.resolve("na"));
    Path table = Files.createDirectories(na.resolve("ns/t-1"));
    Path ownStatistics = write(table.resolve("metadata/stats-1.puffin"));
    Path ownMetadata = write(table.resolve("metadata/00001.metadata.json"));
    Path otherDomain = write(root.resolve("eu/ns/t-2/data/part-0.parquet"));
    Path sibling = write(na.resolve("ns/t-10/data/part-0.parquet")); // shares the prefix "t-1"
    Path server = write(root.resolve("server/passwd"));
    Files.createSymbolicLink(table.resolve("metadata/link.puffin"), server);
    Files.createSymbolicLink(table.resolve("linked"), otherDomain.getParent());

    TableMetadata metadata = TableMetadata.buildFrom(TableMetadata.newTableMetadata(
            new Schema(Types.NestedField.required(1, "id", Types.LongType.get())),
            PartitionSpec.unpartitioned(), SortOrder.unsorted(), "file://" + table, Map.of()))
        .setStatistics(statistics(1, "file://" + ownStatistics))
        .setStatistics(statistics(2, "file://" + otherDomain))
        .setStatistics(statistics(3, server.toString()))
        .setStatistics(statistics(4, "file://" + table + "/metadata/link.puffin"))
        .setStatistics(statistics(5, "file://" + table + "/linked/part-0.parquet"))
        .setStatistics(statistics(6, "file://" + table + "/metadata/%2e%2e/%2e%2e/t-10/data/part-0.parquet"))
        .setPartitionStatistics(partitionStatistics(7, "file://" + sibling))
        .discardChanges()
        .withMetadataLocation("file://" + ownMetadata)
        .build();

    TablePurge.deleteFiles(new Warehouse("na", na), new LocalFileIO(), metadata);

    assertThat(ownStatistics).doesNotExist();
    assertThat(ownMetadata).doesNotExist();
    assertThat(otherDomain).exists();
    assertThat(sibling).exists();
    assertThat(server).exists();
  }

  private static Path write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, "x");
  }

  private static GenericStatisticsFile statistics(long snapshot, String path) {
    return new GenericStatisticsFile(snapshot, path, 1, 1, List.of());
  }

  private static PartitionStatisticsFile partitionStatistics(long snapshot, String path) {
    return ImmutableGenericPartitionStatisticsFile.builder().snapshotId(snapshot).path(path).fileSizeInBytes(1).build();
  }
}

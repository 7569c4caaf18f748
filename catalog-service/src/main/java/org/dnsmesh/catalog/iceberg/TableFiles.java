package org.dnsmesh.catalog.iceberg;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.MetadataUpdate;
import org.apache.iceberg.PartitionStatisticsFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StatisticsFile;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.exceptions.BadRequestException;

/**
 * Keeps every file a table's metadata points to under that table's own location inside its domain's
 * warehouse, so no commit can make the catalog read, hand out or (on purge) delete another table's,
 * another domain's or the server's files. Checked before anything is written: a commit's updates
 * ({@link #requireConfined(Warehouse, String, List)}) and a registered metadata file
 * ({@link #requireConfined(Warehouse, TableMetadata)}). The table's location itself must be in the warehouse.
 */
public final class TableFiles {
  private TableFiles() {}

  /**
   * The updates of one commit against a table at {@code currentLocation}: a {@code set-location} must stay
   * in the warehouse, and every manifest list, statistics file and location property must lie under the
   * table's location as it is after the commit.
   */
  public static void requireConfined(Warehouse warehouse, String currentLocation, List<MetadataUpdate> updates) {
    String location = currentLocation;
    for (MetadataUpdate update : updates) {
      if (update instanceof MetadataUpdate.SetLocation setLocation) {
        warehouse.requireInside(setLocation.location(), "set-location 'location'");
        location = setLocation.location();
      }
    }
    if (location == null) {
      // a staged create commits the metadata the server staged, which always carries its location
      throw new BadRequestException("A commit that creates a table must carry 'set-location'");
    }
    warehouse.requireInside(location, "Table location");
    for (MetadataUpdate update : updates) {
      switch (update) {
        case MetadataUpdate.AddSnapshot add -> requireManifestList(warehouse, location, add.snapshot(), "add-snapshot");
        case MetadataUpdate.SetStatistics statistics -> requireStatistics(warehouse, location, statistics.statisticsFile());
        case MetadataUpdate.SetPartitionStatistics statistics ->
            requirePartitionStatistics(warehouse, location, statistics.partitionStatisticsFile());
        case MetadataUpdate.SetProperties properties ->
            requireLocationProperties(warehouse, location, properties.updated(), "set-properties");
        default -> { }
      }
    }
  }

  /** Every file a metadata file to be registered points to, and the metadata file itself. */
  public static void requireConfined(Warehouse warehouse, TableMetadata metadata) {
    String location = metadata.location();
    warehouse.requireInside(location, "Registered metadata 'location'");
    warehouse.requireUnder(location, metadata.metadataFileLocation(), "register 'metadata-location'");
    for (Snapshot snapshot : metadata.snapshots()) {
      requireManifestList(warehouse, location, snapshot, "Registered snapshot");
    }
    for (StatisticsFile statistics : metadata.statisticsFiles()) {
      requireStatistics(warehouse, location, statistics);
    }
    for (PartitionStatisticsFile statistics : metadata.partitionStatisticsFiles()) {
      requirePartitionStatistics(warehouse, location, statistics);
    }
    for (TableMetadata.MetadataLogEntry previous : metadata.previousFiles()) {
      warehouse.requireUnder(location, previous.file(), "Registered 'metadata-log' entry");
    }
    requireLocationProperties(warehouse, location, metadata.properties(), "Registered properties");
  }

  /** Location properties of a table at {@code tableLocation} (a create request's or a commit's). */
  public static void requireLocationProperties(
      Warehouse warehouse, String tableLocation, Map<String, String> properties, String where) {
    if (properties == null) {
      return;
    }
    properties.forEach((key, value) -> {
      if (Warehouse.LOCATION_PROPERTIES.contains(key)) {
        warehouse.requireUnder(tableLocation, value, where + " '" + key + "'");
      }
    });
  }

  private static void requireManifestList(Warehouse warehouse, String location, Snapshot snapshot, String where) {
    if (snapshot.manifestListLocation() == null) {
      throw new BadRequestException(
          "%s: snapshot %d has no 'manifest-list': embedded manifest lists (format v1) are not accepted",
          where, snapshot.snapshotId());
    }
    warehouse.requireUnder(location, snapshot.manifestListLocation(), where + " 'manifest-list'");
  }

  private static void requireStatistics(Warehouse warehouse, String location, StatisticsFile statistics) {
    if (statistics == null) {
      throw new BadRequestException("set-statistics: 'statistics' is required");
    }
    warehouse.requireUnder(location, statistics.path(), "set-statistics 'statistics-path'");
  }

  private static void requirePartitionStatistics(
      Warehouse warehouse, String location, PartitionStatisticsFile statistics) {
    if (statistics == null) {
      throw new BadRequestException("set-partition-statistics: 'partition-statistics' is required");
    }
    warehouse.requireUnder(location, statistics.path(), "set-partition-statistics 'statistics-path'");
  }
}

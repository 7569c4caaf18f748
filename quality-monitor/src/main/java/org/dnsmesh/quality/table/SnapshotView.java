package org.dnsmesh.quality.table;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;

/** The parts of an Iceberg snapshot the monitor uses: commit time and the record counts of its summary. */
public record SnapshotView(long snapshotId, Instant committedAt, String operation, long addedRecords,
    long deletedRecords, long totalRecords) {

  public SnapshotView {
    Objects.requireNonNull(committedAt, "committedAt");
    operation = operation == null ? "unknown" : operation;
  }

  /**
   * Whether the snapshot brought new data: appends and overwrites do; compaction ({@code replace}) and
   * deletes do not, so they must neither look like fresh data nor count as volume.
   */
  public boolean addsData() {
    return switch (operation) {
      case DataOperations.APPEND, DataOperations.OVERWRITE -> true;
      case DataOperations.REPLACE, DataOperations.DELETE -> false;
      default -> addedRecords > 0;
    };
  }

  public static SnapshotView of(Snapshot snapshot) {
    Map<String, String> summary = snapshot.summary() == null ? Map.of() : snapshot.summary();
    return new SnapshotView(snapshot.snapshotId(), Instant.ofEpochMilli(snapshot.timestampMillis()),
        snapshot.operation(),
        count(summary, SnapshotSummary.ADDED_RECORDS_PROP),
        count(summary, SnapshotSummary.DELETED_RECORDS_PROP),
        count(summary, SnapshotSummary.TOTAL_RECORDS_PROP));
  }

  private static long count(Map<String, String> summary, String key) {
    String value = summary.get(key);
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("snapshot summary '" + key + "' is not a number: " + value, e);
    }
  }
}

package org.dnsmesh.quality.table;

import java.time.Instant;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;

/**
 * The parts of an Iceberg snapshot the monitor uses: commit time and the record counts of its summary.
 *
 * @param quarantinedByReason a quarantine table's commit: records it added per reason class, from the product kit's
 *     summary property {@value #QUARANTINE_REASONS}; empty for other tables and writers that don't record it
 */
public record SnapshotView(long snapshotId, Instant committedAt, String operation, long addedRecords,
    long deletedRecords, long totalRecords, Map<String, Long> quarantinedByReason) {

  /** Snapshot-summary key of the product kit (its {@code CommitProperties.QUARANTINE_REASONS}). */
  public static final String QUARANTINE_REASONS = "dnsmesh.quarantine.reasons";
  private static final ObjectMapper JSON = new ObjectMapper();

  public SnapshotView {
    Objects.requireNonNull(committedAt, "committedAt");
    operation = operation == null ? "unknown" : operation;
    quarantinedByReason = Map.copyOf(Objects.requireNonNull(quarantinedByReason, "quarantinedByReason"));
  }

  public SnapshotView(long snapshotId, Instant committedAt, String operation, long addedRecords, long deletedRecords,
      long totalRecords) {
    this(snapshotId, committedAt, operation, addedRecords, deletedRecords, totalRecords, Map.of());
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
        count(summary, SnapshotSummary.TOTAL_RECORDS_PROP),
        reasons(snapshot.snapshotId(), summary.get(QUARANTINE_REASONS)));
  }

  private static Map<String, Long> reasons(long snapshotId, String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      Map<String, Long> counts = new LinkedHashMap<>();
      JSON.readTree(json).properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
      return counts;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("snapshot " + snapshotId + ": summary '" + QUARANTINE_REASONS
          + "' is not a JSON object of counts: " + json, e);
    }
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

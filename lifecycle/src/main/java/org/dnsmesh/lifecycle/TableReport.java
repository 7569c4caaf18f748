package org.dnsmesh.lifecycle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one lifecycle pass found and did on one table. Counts are read from the table through Trino before and after
 * (rows, {@code $snapshots}, {@code $files}), so they hold however the engine carried the work out; in a dry run the
 * "after" values equal the "before" ones and {@code expiredRows} / {@code expirableSnapshots} say what would go.
 * {@code orphanFilesRemoved} is Trino's own count, -1 when the engine did not report one.
 */
public record TableReport(TrinoTable table, String rule, String contractVersion, Instant cutoff,
                          Instant snapshotCutoff, boolean dryRun, long rowsBefore, long expiredRows, long rowsAfter,
                          long snapshotsBefore, long expirableSnapshots, long snapshotsAfter, long dataFilesBefore,
                          long dataFilesAfter, long orphanFilesRemoved) {
  public TableReport {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(contractVersion, "contractVersion");
    Objects.requireNonNull(cutoff, "cutoff");
    Objects.requireNonNull(snapshotCutoff, "snapshotCutoff");
  }

  public long rowsRemoved() {
    return rowsBefore - rowsAfter;
  }

  public long snapshotsRemoved() {
    return snapshotsBefore - snapshotsAfter;
  }

  /** The audit log's details (canonical JSON on the service side): what was decided and what was removed. */
  public Map<String, Object> auditDetails() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("table", table.toString());
    details.put("rule", rule);
    details.put("contractVersion", contractVersion);
    details.put("cutoff", cutoff.toString());
    details.put("snapshotCutoff", snapshotCutoff.toString());
    details.put("dryRun", dryRun);
    details.put("rowsBefore", rowsBefore);
    details.put("expiredRows", expiredRows);
    details.put("rowsRemoved", rowsRemoved());
    details.put("snapshotsRemoved", snapshotsRemoved());
    details.put("dataFilesBefore", dataFilesBefore);
    details.put("dataFilesAfter", dataFilesAfter);
    details.put("orphanFilesRemoved", orphanFilesRemoved);
    return details;
  }
}

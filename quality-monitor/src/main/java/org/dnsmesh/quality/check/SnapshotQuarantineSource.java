package org.dnsmesh.quality.check;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.dnsmesh.quality.model.TableKey;
import org.dnsmesh.quality.table.SnapshotView;
import org.dnsmesh.quality.table.TableSource;
import org.dnsmesh.quality.table.TableView;

/**
 * Quarantine counts from Iceberg metadata alone: a product writes its rejects to {@code <table>_quarantine}; the
 * {@code added-records} of the commits inside the window give accepted (product table) and quarantined (quarantine
 * table) records, the kit's per-commit reason classes ({@link SnapshotView#quarantinedByReason()}) split the latter.
 * Quarantined records of a commit without reason classes count as {@value #UNCLASSIFIED}. No data files are read
 * and no SQL runs, so Trino's access rules (which may hide quarantine tables) don't matter.
 */
public final class SnapshotQuarantineSource implements QuarantineSource {
  public static final String SUFFIX = "_quarantine";
  public static final String UNCLASSIFIED = "unclassified";

  private final TableSource tables;

  public SnapshotQuarantineSource(TableSource tables) {
    this.tables = Objects.requireNonNull(tables, "tables");
  }

  /** Empty when the product has no quarantine table (it reports no rejects). */
  @Override
  public Optional<QuarantineStats> stats(TableKey table, Instant since, Instant until) {
    TableView quarantine;
    try {
      quarantine = tables.load(new TableKey(table.product(), table.table() + SUFFIX), Optional.empty());
    } catch (NoSuchTableException e) {
      return Optional.empty();
    }
    TableView accepted = tables.load(table, Optional.empty());
    long acceptedRecords = 0;
    for (SnapshotView snapshot : accepted.snapshots()) {
      if (inWindow(snapshot, since, until)) {
        acceptedRecords += snapshot.addedRecords();
      }
    }
    Map<String, Long> byReason = new HashMap<>();
    for (SnapshotView snapshot : quarantine.snapshots()) {
      if (!inWindow(snapshot, since, until)) {
        continue;
      }
      long classified = 0;
      for (Map.Entry<String, Long> reason : snapshot.quarantinedByReason().entrySet()) {
        byReason.merge(reason.getKey(), reason.getValue(), Long::sum);
        classified += reason.getValue();
      }
      if (snapshot.addedRecords() > classified) {
        byReason.merge(UNCLASSIFIED, snapshot.addedRecords() - classified, Long::sum);
      }
    }
    return Optional.of(new QuarantineStats(acceptedRecords, byReason));
  }

  /** Data commits in (since, until]; compactions re-add rows and are not new records. */
  private static boolean inWindow(SnapshotView snapshot, Instant since, Instant until) {
    return snapshot.addsData() && snapshot.committedAt().isAfter(since) && !snapshot.committedAt().isAfter(until);
  }
}

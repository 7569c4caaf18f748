package org.dnsmesh.quality.table;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.dnsmesh.quality.model.TableKey;

/**
 * What the monitor reads from Iceberg table metadata: current and past schemas (past ones let drift see
 * renames by field id), the snapshot history of the current branch (oldest first) and, when known, the
 * newest event time from data-file column bounds.
 */
public record TableView(TableKey key, Schema schema, List<Schema> pastSchemas, List<SnapshotView> snapshots,
    Optional<Instant> maxEventTime) {

  public TableView {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(schema, "schema of " + key);
    pastSchemas = List.copyOf(Objects.requireNonNull(pastSchemas, "pastSchemas of " + key));
    snapshots = Objects.requireNonNull(snapshots, "snapshots of " + key).stream()
        .sorted(Comparator.comparing(SnapshotView::committedAt)).toList();
    Objects.requireNonNull(maxEventTime, "maxEventTime of " + key);
  }

  public Optional<SnapshotView> newestSnapshot() {
    return snapshots.isEmpty() ? Optional.empty() : Optional.of(snapshots.getLast());
  }

  /** The newest snapshot that added data (not a compaction or delete). */
  public Optional<SnapshotView> newestDataSnapshot() {
    for (int i = snapshots.size() - 1; i >= 0; i--) {
      if (snapshots.get(i).addsData()) {
        return Optional.of(snapshots.get(i));
      }
    }
    return Optional.empty();
  }
}

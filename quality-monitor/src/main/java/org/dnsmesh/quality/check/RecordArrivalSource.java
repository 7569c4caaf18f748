package org.dnsmesh.quality.check;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.dnsmesh.quality.model.TableKey;

/**
 * Counts a product table's {@link RecordArrivals}: written and quarantined records from the commits of the table and
 * its {@code _quarantine} table ({@link SnapshotQuarantineSource}), unparsed lines from the product's dead-letter
 * topic. Only a table with a quarantine table is a pipeline's ingest table; derived tables (aggregates of the ingest
 * table) never see source lines, so dead letters are not charged to them: empty for those.
 */
public final class RecordArrivalSource {
  private final QuarantineSource quarantine;
  private final DeadLetterSource deadLetters;

  public RecordArrivalSource(QuarantineSource quarantine, DeadLetterSource deadLetters) {
    this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
  }

  public Optional<RecordArrivals> arrivals(TableKey table, Instant since, Instant until) throws Exception {
    Optional<QuarantineStats> stats = quarantine.stats(table, since, until);
    if (stats.isEmpty()) {
      return Optional.empty();
    }
    DeadLetterCounts letters = deadLetters.counts(table.product(), since, until).orElse(DeadLetterCounts.NONE);
    return Optional.of(new RecordArrivals(stats.get().acceptedRecords(), stats.get().quarantined(), letters));
  }
}

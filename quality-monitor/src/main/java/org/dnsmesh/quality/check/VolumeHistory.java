package org.dnsmesh.quality.check;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import org.dnsmesh.quality.model.TableKey;

/**
 * Added records of past intervals that the table's snapshots no longer show (expired snapshots), as the
 * monitor measured them then. The history store implements it.
 */
public interface VolumeHistory {
  OptionalDouble addedRecords(TableKey table, Instant intervalStart, Duration interval);

  /** No remembered history: only the snapshots count. */
  VolumeHistory NONE = (table, start, interval) -> OptionalDouble.empty();
}

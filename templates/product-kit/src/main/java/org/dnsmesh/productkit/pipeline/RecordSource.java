package org.dnsmesh.productkit.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A partitioned, replayable input (one Kafka topic in production). The pipeline positions it from the offsets
 * stored in its Iceberg table, never from consumer-group state.
 */
public interface RecordSource extends AutoCloseable {

  String topic();

  /** Positions every partition: at the given next offset, or at the beginning for partitions not in the map. */
  void open(Map<Integer, Long> nextOffsets);

  /** The next records (possibly none) waiting at most {@code timeout}. */
  List<InputRecord> poll(Duration timeout);

  /** Per partition, the offset after the last record currently in the log (for lag). */
  Map<Integer, Long> endOffsets();

  @Override
  void close();
}

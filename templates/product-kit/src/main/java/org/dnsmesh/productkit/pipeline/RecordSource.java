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

  /**
   * Per partition, the offset after the last record there is to read (for lag and "caught up"): the log's end while
   * records remain, and once the source has read to the end, the offset after the last record it delivered (offsets
   * the source never delivers, such as Kafka's transaction markers, are not records to wait for).
   */
  Map<Integer, Long> endOffsets();

  @Override
  void close();
}

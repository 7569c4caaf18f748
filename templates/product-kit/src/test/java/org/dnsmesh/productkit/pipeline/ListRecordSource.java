package org.dnsmesh.productkit.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An in-memory partitioned log (hand-written fake of a topic) for pipeline unit tests; the Kafka IT uses a broker. */
final class ListRecordSource implements RecordSource {

  private final String topic;
  private final Map<Integer, List<byte[]>> partitions = new HashMap<>();
  private final Map<Integer, Long> positions = new HashMap<>();
  private final int maxPoll;

  ListRecordSource(String topic, int partitionCount, int maxPoll) {
    this.topic = topic;
    this.maxPoll = maxPoll;
    for (int p = 0; p < partitionCount; p++) {
      partitions.put(p, new ArrayList<>());
    }
  }

  void append(String key, byte[] value) {
    int p = Math.floorMod(key.hashCode(), partitions.size());
    partitions.get(p).add(value);
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public void open(Map<Integer, Long> nextOffsets) {
    positions.clear();
    for (Integer p : partitions.keySet()) {
      positions.put(p, nextOffsets.getOrDefault(p, 0L));
    }
  }

  @Override
  public List<InputRecord> poll(Duration timeout) {
    List<InputRecord> out = new ArrayList<>();
    for (Map.Entry<Integer, List<byte[]>> partition : partitions.entrySet()) {
      int p = partition.getKey();
      long position = positions.get(p);
      while (position < partition.getValue().size() && out.size() < maxPoll) {
        out.add(new InputRecord(topic, p, position, "k", partition.getValue().get((int) position)));
        position++;
      }
      positions.put(p, position);
    }
    return out;
  }

  @Override
  public Map<Integer, Long> endOffsets() {
    Map<Integer, Long> ends = new HashMap<>();
    partitions.forEach((p, records) -> ends.put(p, (long) records.size()));
    return ends;
  }

  @Override
  public void close() {}
}

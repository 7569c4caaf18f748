package org.dnsmesh.productkit.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Next offsets to read, per topic and partition, as stored in a snapshot summary under
 * {@link CommitProperties#KAFKA_OFFSETS}. Each commit stores the complete map (merged with the previous one), so
 * the newest snapshot that has the key is the whole truth; snapshots without it (maintenance, backfill) are skipped.
 */
public record KafkaOffsets(Map<String, Map<Integer, Long>> byTopic) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public KafkaOffsets {
    Map<String, Map<Integer, Long>> copy = new TreeMap<>();
    byTopic.forEach((topic, partitions) -> copy.put(topic, Map.copyOf(new TreeMap<>(partitions))));
    byTopic = Map.copyOf(copy);
  }

  public static KafkaOffsets none() {
    return new KafkaOffsets(Map.of());
  }

  public Map<Integer, Long> forTopic(String topic) {
    return byTopic.getOrDefault(topic, Map.of());
  }

  /** These offsets with {@code next} applied to {@code topic} (each partition moves to the given offset). */
  public KafkaOffsets with(String topic, Map<Integer, Long> next) {
    Map<String, Map<Integer, Long>> merged = new TreeMap<>(byTopic);
    Map<Integer, Long> partitions = new TreeMap<>(forTopic(topic));
    partitions.putAll(next);
    merged.put(topic, partitions);
    return new KafkaOffsets(merged);
  }

  public String toJson() {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    byTopic.forEach((topic, partitions) -> {
      Map<String, Long> p = new TreeMap<>();
      partitions.forEach((k, v) -> p.put(Integer.toString(k), v));
      out.put(topic, p);
    });
    try {
      return JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KafkaOffsets parse(String json) {
    try {
      Map<String, Map<String, Long>> raw = JSON.readValue(json, new TypeReference<>() {});
      Map<String, Map<Integer, Long>> byTopic = new TreeMap<>();
      raw.forEach((topic, partitions) -> {
        Map<Integer, Long> p = new TreeMap<>();
        partitions.forEach((k, v) -> p.put(Integer.parseInt(k), v));
        byTopic.put(topic, p);
      });
      return new KafkaOffsets(byTopic);
    } catch (JsonProcessingException | NumberFormatException e) {
      throw new IllegalArgumentException("snapshot property " + CommitProperties.KAFKA_OFFSETS + " is not valid: " + json, e);
    }
  }

  /** The offsets stored by the newest commit (on the table's current lineage) that recorded any. */
  public static KafkaOffsets committedIn(Table table) {
    if (table.currentSnapshot() == null) {
      return none();
    }
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
      String json = snapshot.summary().get(CommitProperties.KAFKA_OFFSETS);
      if (json != null) {
        return parse(json);
      }
    }
    return none();
  }
}

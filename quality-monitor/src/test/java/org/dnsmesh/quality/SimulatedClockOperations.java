package org.dnsmesh.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import org.apache.iceberg.LocationProviders;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;

/**
 * Commits through the real catalog's operations, but stamps each commit (its new snapshot, snapshot-log entry
 * and last-updated time) with a simulated clock, so tests can build days of snapshot history in seconds.
 * Iceberg has no clock hook; the metadata JSON is rewritten before the commit instead. Simulated time must
 * lie in the past and only move forward.
 */
final class SimulatedClockOperations implements TableOperations {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final TableOperations delegate;
  private Instant now;

  SimulatedClockOperations(TableOperations delegate, Instant start) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.now = start;
  }

  void setNow(Instant instant) {
    this.now = instant;
  }

  Instant now() {
    return now;
  }

  @Override
  public TableMetadata current() {
    return delegate.current();
  }

  @Override
  public TableMetadata refresh() {
    return delegate.refresh();
  }

  @Override
  public void commit(TableMetadata base, TableMetadata metadata) {
    try {
      ObjectNode tree = (ObjectNode) MAPPER.readTree(TableMetadataParser.toJson(metadata));
      long millis = now.toEpochMilli();
      tree.put("last-updated-ms", millis);
      for (JsonNode snapshot : tree.path("snapshots")) {
        long id = snapshot.get("snapshot-id").asLong();
        if (base == null || base.snapshot(id) == null) {
          ((ObjectNode) snapshot).put("timestamp-ms", millis);
          for (JsonNode entry : tree.path("snapshot-log")) {
            if (entry.get("snapshot-id").asLong() == id) {
              ((ObjectNode) entry).put("timestamp-ms", millis);
            }
          }
        }
      }
      // the creation metadata carries real time; clamping keeps the metadata log sorted and not after this commit
      for (JsonNode entry : tree.path("metadata-log")) {
        ((ObjectNode) entry).put("timestamp-ms", Math.min(entry.get("timestamp-ms").asLong(), millis));
      }
      delegate.commit(base, TableMetadataParser.fromJson(tree));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public FileIO io() {
    return delegate.io();
  }

  @Override
  public EncryptionManager encryption() {
    return delegate.encryption();
  }

  @Override
  public String metadataFileLocation(String fileName) {
    return delegate.metadataFileLocation(fileName);
  }

  @Override
  public LocationProvider locationProvider() {
    TableMetadata current = current();
    return LocationProviders.locationsFor(current.location(), current.properties());
  }

  @Override
  public long newSnapshotId() {
    return delegate.newSnapshotId();
  }
}

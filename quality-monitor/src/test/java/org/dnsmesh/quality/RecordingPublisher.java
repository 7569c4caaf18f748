package org.dnsmesh.quality;

import java.util.ArrayList;
import java.util.List;
import org.dnsmesh.quality.alert.AlertEvent;
import org.dnsmesh.quality.alert.AlertPublisher;

/** Keeps published events in memory; can be told to fail, like a broker that is down. */
final class RecordingPublisher implements AlertPublisher {
  final List<AlertEvent> events = new ArrayList<>();
  boolean failing;

  @Override
  public void publish(AlertEvent event) {
    if (failing) {
      throw new IllegalStateException("broker unavailable");
    }
    events.add(event);
  }
}

package org.dnsmesh.quality.store;

import java.util.List;
import java.util.Optional;

/** Where monitor instances leave their heartbeat, so a stopped monitor is visible to others. */
public interface HeartbeatStore {
  void beat(Heartbeat heartbeat);

  Optional<Heartbeat> last(String instance);

  List<Heartbeat> all();
}

package org.dnsmesh.quality.alert;

/** Delivers alert events. Must throw if delivery is not confirmed, so the alert state is not advanced. */
public interface AlertPublisher {
  void publish(AlertEvent event) throws Exception;
}

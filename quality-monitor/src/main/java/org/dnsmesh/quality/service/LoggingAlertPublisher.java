package org.dnsmesh.quality.service;

import org.dnsmesh.quality.alert.AlertEvent;
import org.dnsmesh.quality.alert.AlertJson;
import org.dnsmesh.quality.alert.AlertPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes alert events to the log; used when no Kafka bootstrap servers are configured. */
public final class LoggingAlertPublisher implements AlertPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(LoggingAlertPublisher.class);

  @Override
  public void publish(AlertEvent event) {
    LOG.warn("quality alert {}", AlertJson.write(event));
  }
}

package org.dnsmesh.products.security;

import java.time.Duration;

/**
 * Thresholds of the detections. Defaults are the shipped ones; tests and the demo use them unchanged.
 *
 * @param spikeMinimum (a) fewest changes in an hour that can be a spike
 * @param spikeK (a, b) k of median + k·scale
 * @param churnMinimum (b) fewest control-surface changes of one account in an hour that can be churn
 * @param burstWindow (c) window of mass sensitive requests
 * @param burstDomains (c) distinct domains within the window that make it mass
 * @param sequenceWindow (e) T between unlock (or contact change) and transfer request
 * @param identityWindow (f) T between a risky identity event and the change it raises
 * @param caseQuietPeriod a finding this long after a case's last one opens a new case
 */
public record DetectionSettings(int spikeMinimum, double spikeK, int churnMinimum, Duration burstWindow,
    int burstDomains, Duration sequenceWindow, Duration identityWindow, Duration caseQuietPeriod) {

  public static DetectionSettings defaults() {
    return new DetectionSettings(10, 6.0, 8, Duration.ofMinutes(15), 5, Duration.ofHours(24), Duration.ofHours(2),
        Duration.ofHours(24));
  }
}

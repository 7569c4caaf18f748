package org.dnsmesh.products.security;

/**
 * Severity of a finding = blast radius x confidence, three levels. Confidence is banded LOW (< 0.5), MEDIUM
 * (< 0.8), HIGH; the matrix below is the whole rule:
 * <pre>
 *                 confidence LOW   MEDIUM  HIGH
 * criticality LOW            LOW   LOW     MEDIUM
 *             MEDIUM         LOW   MEDIUM  HIGH
 *             HIGH           MEDIUM HIGH   HIGH
 * </pre>
 */
public enum Severity {
  LOW, MEDIUM, HIGH;

  public static Severity of(Criticality criticality, double confidence) {
    int band = confidence < 0.5 ? 0 : confidence < 0.8 ? 1 : 2;
    int radius = switch (criticality) {
      case LOW -> 0;
      case MEDIUM -> 1;
      case HIGH -> 2;
    };
    int score = band + radius; // 0..4
    return score <= 1 ? LOW : score == 2 ? MEDIUM : HIGH;
  }
}

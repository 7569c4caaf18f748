package org.dnsmesh.quality.contract;

/**
 * Rate thresholds (shares between 0 and 1): above {@code atRisk} the check is at risk, above
 * {@code breach} it is breached.
 */
public record Threshold(double atRisk, double breach) {
  public Threshold {
    if (atRisk < 0 || breach < 0 || atRisk > breach) {
      throw new IllegalArgumentException("threshold needs 0 <= atRisk <= breach, got " + atRisk + ", " + breach);
    }
  }

  /** Zero tolerance: any occurrence breaches. */
  public static final Threshold ZERO = new Threshold(0, 0);

  public org.dnsmesh.quality.model.CheckStatus classify(double rate) {
    if (rate > breach) {
      return org.dnsmesh.quality.model.CheckStatus.BREACHED;
    }
    if (rate > atRisk) {
      return org.dnsmesh.quality.model.CheckStatus.AT_RISK;
    }
    return org.dnsmesh.quality.model.CheckStatus.OK;
  }
}

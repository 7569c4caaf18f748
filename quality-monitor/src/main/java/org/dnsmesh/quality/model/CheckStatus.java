package org.dnsmesh.quality.model;

/** Outcome of one check run, ordered from best to worst except {@link #ERROR} (the check could not run). */
public enum CheckStatus {
  OK,
  AT_RISK,
  BREACHED,
  ERROR;

  /** The worse of two statuses; ERROR only wins over OK, a real finding wins over an error. */
  public CheckStatus worst(CheckStatus other) {
    return severity(other) > severity(this) ? other : this;
  }

  private static int severity(CheckStatus status) {
    return switch (status) {
      case OK -> 0;
      case ERROR -> 1;
      case AT_RISK -> 2;
      case BREACHED -> 3;
    };
  }
}

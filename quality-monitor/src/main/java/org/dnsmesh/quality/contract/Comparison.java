package org.dnsmesh.quality.contract;

/** ODCS v3 quality-rule operators ({@code mustBe}, {@code mustBeLessThan}, ...). */
public enum Comparison {
  MUST_BE("mustBe"),
  MUST_NOT_BE("mustNotBe"),
  MUST_BE_GREATER_THAN("mustBeGreaterThan"),
  MUST_BE_GREATER_OR_EQUAL_TO("mustBeGreaterOrEqualTo"),
  MUST_BE_LESS_THAN("mustBeLessThan"),
  MUST_BE_LESS_OR_EQUAL_TO("mustBeLessOrEqualTo"),
  MUST_BE_BETWEEN("mustBeBetween"),
  MUST_NOT_BE_BETWEEN("mustNotBeBetween");

  private final String odcsName;

  Comparison(String odcsName) {
    this.odcsName = odcsName;
  }

  public String odcsName() {
    return odcsName;
  }

  public static Comparison fromOdcs(String name) {
    for (Comparison comparison : values()) {
      if (comparison.odcsName.equals(name)) {
        return comparison;
      }
    }
    throw new IllegalArgumentException("unknown ODCS quality operator '" + name + "'");
  }

  /** Whether {@code actual} satisfies the rule; {@code upper} is only used by the between operators. */
  public boolean holds(double actual, double value, double upper) {
    return switch (this) {
      case MUST_BE -> actual == value;
      case MUST_NOT_BE -> actual != value;
      case MUST_BE_GREATER_THAN -> actual > value;
      case MUST_BE_GREATER_OR_EQUAL_TO -> actual >= value;
      case MUST_BE_LESS_THAN -> actual < value;
      case MUST_BE_LESS_OR_EQUAL_TO -> actual <= value;
      case MUST_BE_BETWEEN -> actual >= value && actual <= upper;
      case MUST_NOT_BE_BETWEEN -> actual < value || actual > upper;
    };
  }
}

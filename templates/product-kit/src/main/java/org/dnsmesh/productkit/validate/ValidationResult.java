package org.dnsmesh.productkit.validate;

import java.util.List;
import java.util.stream.Collectors;

/** Valid, or invalid with every violation found (not just the first). */
public record ValidationResult(List<Violation> violations) {

  private static final ValidationResult VALID = new ValidationResult(List.of());

  public ValidationResult {
    violations = List.copyOf(violations);
  }

  public static ValidationResult valid() {
    return VALID;
  }

  public static ValidationResult invalid(List<Violation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an invalid result needs at least one violation");
    }
    return new ValidationResult(violations);
  }

  public boolean isValid() {
    return violations.isEmpty();
  }

  /** The reasons as one line, as stored in quarantine and dead-letter records. */
  public String reason() {
    return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }
}

package org.dnsmesh.productkit.validate;

import java.util.Objects;

/** One failed check: which field, which check ({@code type}, {@code required}, {@code range}, {@code enum}, {@code pattern}, {@code length}), and why. */
public record Violation(String field, String check, String message) {

  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}

package org.dnsmesh.governance.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/** Name of a principal: the JWT subject, and the Trino user name. */
public record PrincipalName(String value) implements Comparable<PrincipalName> {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

  public PrincipalName {
    Objects.requireNonNull(value, "principal name");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException("principal name '" + value + "' must match " + VALID.pattern());
    }
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static PrincipalName of(String value) {
    return new PrincipalName(value);
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public int compareTo(PrincipalName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}

package org.dnsmesh.governance.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/** Name of a mesh domain (also its Trino catalog and Iceberg warehouse), e.g. {@code na}, {@code security}. */
public record DomainName(String value) implements Comparable<DomainName> {
  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  public DomainName {
    Objects.requireNonNull(value, "domain name");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException("domain name '" + value + "' must match " + VALID.pattern());
    }
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static DomainName of(String value) {
    return new DomainName(value);
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public int compareTo(DomainName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}

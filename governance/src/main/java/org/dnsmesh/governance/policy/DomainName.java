package org.dnsmesh.governance.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Name of a mesh domain, e.g. {@code na}, {@code na-east}, {@code security}: the one type for the catalog's
 * registry, governance and the compiled rules. It is also the Iceberg REST prefix, the domain's warehouse
 * folder, its Trino catalog (quoted in SQL when it holds a {@code -}) and the prefix of its Kafka topics, so it
 * is a safe lowercase identifier; a domain that can be registered can be governed.
 */
public record DomainName(String value) implements Comparable<DomainName> {
  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  public DomainName {
    Objects.requireNonNull(value, "domain name");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException("Invalid domain name '" + value
          + "': expected lowercase letters, digits, '_' or '-' (max 63), starting with a letter");
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

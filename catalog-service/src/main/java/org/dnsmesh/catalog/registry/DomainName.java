package org.dnsmesh.catalog.registry;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Name of a data domain ({@code na}, {@code eu}, ...). It is also the Iceberg REST prefix and the name of
 * the domain's warehouse folder, so it is restricted to a safe lowercase identifier.
 */
public record DomainName(String value) {
  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  public DomainName {
    Objects.requireNonNull(value, "domain name");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "Invalid domain name '" + value + "': expected lowercase letters, digits, '_' or '-' (max 63), starting with a letter");
    }
  }

  public static DomainName of(String value) {
    return new DomainName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

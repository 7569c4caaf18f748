package org.dnsmesh.products.security;

import java.util.Locale;

/** Domain and host names as the canonical events carry them: lower-case, without the trailing dot. */
final class DomainNames {
  private DomainNames() {}

  static String normalise(String name) {
    return name == null ? null : normaliseHost(name);
  }

  static String normaliseHost(String name) {
    String trimmed = name.strip().toLowerCase(Locale.ROOT);
    return trimmed.endsWith(".") && trimmed.length() > 1 ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}

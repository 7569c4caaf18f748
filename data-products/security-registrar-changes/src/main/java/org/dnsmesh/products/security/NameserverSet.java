package org.dnsmesh.products.security;

import java.util.List;
import java.util.Objects;

/** A row of the {@code nameserver-sets} reference product: the known-good nameservers of one domain. */
public record NameserverSet(String domain, List<String> nameservers) {
  public NameserverSet {
    Objects.requireNonNull(domain, "domain");
    nameservers = nameservers == null ? List.of() : nameservers.stream().map(DomainNames::normaliseHost).toList();
  }

  /** The hosts of a canonical NS value (space-separated) that are not known-good. */
  public List<String> unknownHosts(String nsValue) {
    if (nsValue == null || nsValue.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(nsValue.split(" ")).filter(h -> !h.isBlank() && !nameservers.contains(h)).toList();
  }
}

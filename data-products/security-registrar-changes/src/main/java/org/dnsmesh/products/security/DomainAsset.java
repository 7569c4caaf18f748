package org.dnsmesh.products.security;

import java.util.Objects;

/** A row of the {@code domain-inventory} reference product (key: domain). */
public record DomainAsset(String domain, String owner, String businessUnit, Criticality criticality,
    String registrarAccount) {
  public DomainAsset {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(criticality, "criticality");
  }

  /** What a domain missing from the inventory is treated as: medium criticality, owned by security operations. */
  public static DomainAsset unknown(String domain) {
    return new DomainAsset(domain, "security-operations", "unknown", Criticality.MEDIUM, null);
  }
}

package org.dnsmesh.governance.workflow;

import java.util.Objects;
import org.dnsmesh.governance.policy.DomainName;
import org.dnsmesh.governance.policy.ResourceRef;

/** A data product: its domain and its name (the Iceberg namespace / Trino schema). */
public record ProductRef(DomainName domain, String name) {
  public ProductRef {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(name, "name");
    ResourceRef.product(domain.value(), name); // validates the name
  }

  public static ProductRef parse(String dotted) {
    String[] parts = dotted.split("\\.", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("product '" + dotted + "' must be domain.product");
    }
    return new ProductRef(DomainName.of(parts[0]), parts[1]);
  }

  public ResourceRef toResource() {
    return ResourceRef.product(domain.value(), name);
  }

  @Override
  public String toString() {
    return domain + "." + name;
  }
}

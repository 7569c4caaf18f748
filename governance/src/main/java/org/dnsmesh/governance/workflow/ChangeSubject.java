package org.dnsmesh.governance.workflow;

import java.util.Objects;
import java.util.Optional;
import org.dnsmesh.governance.policy.DomainName;
import org.dnsmesh.governance.policy.ResourceRef;

/**
 * What a change is about: a data product (its domain's stewards may review it), or the mesh as a whole
 * (no domain: {@code policy}). Authorization asks the decision point on {@link #toResource()}.
 */
public record ChangeSubject(Optional<ProductRef> product, String meshSubject) {
  public ChangeSubject {
    product = product == null ? Optional.empty() : product;
    Objects.requireNonNull(meshSubject, "meshSubject");
    if (product.isPresent() != meshSubject.isEmpty()) {
      throw new IllegalArgumentException("a change subject is either a product or a mesh-wide name");
    }
  }

  public static ChangeSubject of(ProductRef product) {
    return new ChangeSubject(Optional.of(product), "");
  }

  /** A mesh-wide subject such as {@code policy}. */
  public static ChangeSubject mesh(String name) {
    if (name.isBlank()) {
      throw new IllegalArgumentException("mesh subject must not be blank");
    }
    return new ChangeSubject(Optional.empty(), name);
  }

  /** The domain whose stewards may review, when the subject is a product. */
  public Optional<DomainName> domain() {
    return product.map(ProductRef::domain);
  }

  public ResourceRef toResource() {
    return product.map(ProductRef::toResource).orElseGet(ResourceRef::mesh);
  }

  @Override
  public String toString() {
    return product.map(ProductRef::toString).orElse(meshSubject);
  }
}

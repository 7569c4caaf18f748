package org.dnsmesh.catalog.auth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dnsmesh.governance.policy.ResourceRef;

/**
 * What a request acts on, as the catalog sees it: the whole mesh, a domain, an Iceberg namespace of a
 * domain (a product, for the policy), or a table/view in a namespace. {@link #toPolicyResource()} turns
 * it into the policy's {@code domain.product.table} path.
 *
 * <p>Names the policy cannot express (nested namespaces below their first level, characters outside the
 * policy's identifier alphabet) become the reserved segment {@value #UNNAMED}: no grant names it, so only
 * grants on the enclosing level or wildcards cover such a resource. A name can therefore only lose
 * privileges in the mapping, never borrow those of another name.
 */
public record CatalogResource(Optional<String> domain, List<String> namespace, Optional<String> object) {
  /** Policy segment standing for a name the policy cannot express. */
  public static final String UNNAMED = "_";
  private static final Pattern POLICY_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  public CatalogResource {
    Objects.requireNonNull(domain, "domain");
    namespace = List.copyOf(Objects.requireNonNull(namespace, "namespace"));
    Objects.requireNonNull(object, "object");
    if (domain.isEmpty() && (!namespace.isEmpty() || object.isPresent())) {
      throw new IllegalArgumentException("a namespace or table needs a domain");
    }
    if (namespace.isEmpty() && object.isPresent()) {
      throw new IllegalArgumentException("a table needs a namespace");
    }
  }

  public static CatalogResource mesh() {
    return new CatalogResource(Optional.empty(), List.of(), Optional.empty());
  }

  public static CatalogResource domain(String domain) {
    return new CatalogResource(Optional.of(domain), List.of(), Optional.empty());
  }

  /** A namespace (Iceberg levels); the empty namespace is the domain itself. */
  public static CatalogResource namespace(String domain, List<String> levels) {
    return new CatalogResource(Optional.of(domain), levels, Optional.empty());
  }

  public static CatalogResource object(String domain, List<String> namespace, String name) {
    return new CatalogResource(Optional.of(domain), namespace, Optional.of(name));
  }

  /** The policy resource: {@code []}, {@code [domain]}, {@code [domain, product]} or {@code [domain, product, table]}. */
  public ResourceRef toPolicyResource() {
    if (domain.isEmpty()) {
      return ResourceRef.mesh();
    }
    String domainSegment = segment(domain.get());
    if (namespace.isEmpty()) {
      return ResourceRef.domain(domainSegment);
    }
    String product = segment(namespace.getFirst());
    boolean nested = namespace.size() > 1;
    if (object.isEmpty()) {
      // a nested namespace is managed with the privileges of its top level
      return ResourceRef.product(domainSegment, product);
    }
    return ResourceRef.table(domainSegment, product, nested ? UNNAMED : segment(object.get()));
  }

  private static String segment(String name) {
    return POLICY_SEGMENT.matcher(name).matches() ? name : UNNAMED;
  }

  @Override
  public String toString() {
    if (domain.isEmpty()) {
      return "the mesh";
    }
    StringBuilder text = new StringBuilder(domain.get());
    namespace.forEach(level -> text.append('.').append(level));
    object.ifPresent(name -> text.append('.').append(name));
    return text.toString();
  }
}

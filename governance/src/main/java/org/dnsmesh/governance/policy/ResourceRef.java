package org.dnsmesh.governance.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A resource decisions are about: the whole mesh (empty path), a domain, a product (Iceberg namespace,
 * Trino schema) or a table. The path is {@code [domain, product, table]} cut at the level.
 */
public record ResourceRef(List<String> path) {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

  public ResourceRef {
    path = List.copyOf(Objects.requireNonNull(path, "path"));
    if (path.size() > 3) {
      throw new IllegalArgumentException("resource path " + path + " is longer than domain.product.table");
    }
    for (String segment : path) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException("resource path segment '" + segment + "' must match " + SEGMENT.pattern());
      }
    }
  }

  public static ResourceRef mesh() {
    return new ResourceRef(List.of());
  }

  public static ResourceRef domain(String domain) {
    return new ResourceRef(List.of(domain));
  }

  public static ResourceRef product(String domain, String product) {
    return new ResourceRef(List.of(domain, product));
  }

  public static ResourceRef table(String domain, String product, String table) {
    return new ResourceRef(List.of(domain, product, table));
  }

  /** Parses {@code ""} (mesh), {@code "na"}, {@code "na.resolver"} or {@code "na.resolver.queries"}. */
  public static ResourceRef parse(String dotted) {
    Objects.requireNonNull(dotted, "resource");
    return dotted.isEmpty() ? mesh() : new ResourceRef(List.of(dotted.split("\\.", -1)));
  }

  public ResourceLevel level() {
    return ResourceLevel.values()[path.size()];
  }

  public Optional<String> domain() {
    return path.isEmpty() ? Optional.empty() : Optional.of(path.getFirst());
  }

  @Override
  public String toString() {
    return path.isEmpty() ? "<mesh>" : String.join(".", path);
  }
}

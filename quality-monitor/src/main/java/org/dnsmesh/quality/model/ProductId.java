package org.dnsmesh.quality.model;

import java.util.Objects;

/** Identifier of a data product as registered in the catalog (e.g. {@code resolver.query-log}). */
public record ProductId(String value) {
  public ProductId {
    Objects.requireNonNull(value, "product id");
    if (value.isBlank()) {
      throw new IllegalArgumentException("product id must not be blank");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}

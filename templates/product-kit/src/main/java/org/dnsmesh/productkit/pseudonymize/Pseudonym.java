package org.dnsmesh.productkit.pseudonymize;

import java.util.Objects;

/** A keyed pseudonym with the id of the key that made it, stored side by side so keys can rotate. */
public record Pseudonym(String keyId, String value) {

  public Pseudonym {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(value, "value");
  }
}

package org.dnsmesh.productkit.pseudonymize;

import java.util.Objects;

/** One HMAC key. The secret never appears in {@link #toString()}. */
public final class PseudonymKey {

  private static final int MINIMUM_SECRET_BYTES = 16;

  private final String keyId;
  private final byte[] secret;

  public PseudonymKey(String keyId, byte[] secret) {
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(secret, "secret");
    if (keyId.isBlank() || !keyId.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("key id must be non-blank [A-Za-z0-9._-]: '" + keyId + "'");
    }
    if (secret.length < MINIMUM_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "key '" + keyId + "' is " + secret.length + " bytes; at least " + MINIMUM_SECRET_BYTES + " are required");
    }
    this.secret = secret.clone();
  }

  public String keyId() {
    return keyId;
  }

  byte[] secret() {
    return secret.clone();
  }

  @Override
  public String toString() {
    return "PseudonymKey[" + keyId + "]";
  }
}

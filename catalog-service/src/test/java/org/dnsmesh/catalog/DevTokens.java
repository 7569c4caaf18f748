package org.dnsmesh.catalog;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Tokens for tests, signed with the test installation's private key the way {@code ./mesh token} signs with
 * the key under {@code .mesh/secrets} (no HTTP endpoint hands out tokens without a credential).
 */
final class DevTokens {
  private DevTokens() {}

  static String of(String principal) {
    return signed(principal, Duration.ofMinutes(10));
  }

  static String signed(String principal, Duration lifetime) {
    try {
      Path key = Path.of(System.getProperty(CatalogTestEnvironment.PRIVATE_KEY_PROPERTY));
      return Jwt.issuer("dnsmesh").subject(principal).upn(principal).expiresIn(lifetime)
          .sign(KeyUtils.decodePrivateKey(Files.readString(key)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot sign a test token for " + principal + ": " + e.getMessage(), e);
    }
  }
}

package org.dnsmesh.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.dnsmesh.governance.policy.PolicyLoader;

/** A client-secrets file the way mesh up writes it: every principal of the policy, one random secret, mode 0600. */
public final class TestClients {
  private TestClients() {}

  public static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Writes {@code <principal>=<secret>} for each principal of the policy file into {@code file}. */
  public static Path write(Path file, Path policy, String secret) {
    StringBuilder lines = new StringBuilder();
    PolicyLoader.load(policy).principals().forEach(p -> lines.append(p.name().value()).append('=').append(secret).append('\n'));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, lines);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

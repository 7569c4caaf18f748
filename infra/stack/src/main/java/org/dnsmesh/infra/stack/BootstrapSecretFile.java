package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The dev login's one-time bootstrap secret: 256 random bits, fresh on every {@code up}, in a 0600 file. */
public final class BootstrapSecretFile {
  private BootstrapSecretFile() {}

  public static Path path(StackLayout layout) {
    return layout.secrets().resolve("bootstrap-secret");
  }

  static Path write(StackLayout layout) {
    Path file = path(layout);
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, HexFormat.of().formatHex(random) + "\n");
      return file;
    } catch (IOException | UnsupportedOperationException e) {
      throw new StackException("Cannot write the dev login's bootstrap secret " + file + ": " + e.getMessage(), e);
    }
  }

  /** The secret, for {@code mesh up} to print once. */
  public static String read(StackLayout layout) {
    try {
      return Files.readString(path(layout)).strip();
    } catch (IOException e) {
      throw new StackException("Cannot read " + path(layout) + ": " + e.getMessage(), e);
    }
  }
}

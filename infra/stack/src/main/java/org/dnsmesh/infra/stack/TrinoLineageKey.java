package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The credential of Trino's OpenLineage listener, which can only send a static bearer: 256 random bits, new at
 * every {@code mesh up} (a stolen copy dies with the next start), in {@code .mesh/secrets/trino-lineage.key} and
 * Trino's {@code etc/event-listener.properties} (both 0600). The catalog gets only its SHA-256. The key is no
 * token: it opens {@code POST /api/v1/lineage/trino} and nothing else, and the reader an event names is looked up
 * in Trino by query id, so the key cannot invent one.
 */
public final class TrinoLineageKey {
  private final Path file;

  public TrinoLineageKey(StackLayout layout) {
    this.file = layout.trinoLineageKey();
  }

  public Path file() {
    return file;
  }

  /** Writes a new key (replacing the previous one) and returns it. */
  public String rotate() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String key = HexFormat.of().formatHex(random);
    PrivateFiles.write(file, key + "\n");
    return key;
  }

  /** The current key, created when missing. */
  public String current() {
    try {
      if (Files.exists(file)) {
        String key = Files.readString(file).strip();
        if (!key.isEmpty()) {
          return key;
        }
      }
    } catch (IOException e) {
      throw new StackException("Cannot read Trino's lineage ingest key " + file + ": " + e.getMessage(), e);
    }
    return rotate();
  }

  /** Hex SHA-256 of the current key: what the catalog holds. */
  public String sha256Hex() {
    return sha256Hex(current());
  }

  static String sha256Hex(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}

package org.dnsmesh.governance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces a file's content all at once. Readers that poll (Trino re-reads its rules every refresh period, OPA its
 * bundle, the catalog its policy) must never see a torn file: a half-written rules file fails every query.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code content} (UTF-8) to a temporary file beside {@code file}, then moves it over {@code file}. */
  public static void writeString(Path file, String content) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}

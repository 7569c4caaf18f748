package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log file, read from its end so a large log costs nothing. */
public final class LogTail {
  private LogTail() {}

  public static String of(Path file, int lines) {
    if (!Files.exists(file)) {
      return "(no log at " + file + ")";
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      long start = Math.max(0, length - 64 * 1024);
      raf.seek(start);
      byte[] bytes = new byte[(int) (length - start)];
      raf.readFully(bytes);
      List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
      List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
      return String.join(System.lineSeparator(), tail);
    } catch (IOException e) {
      return "(could not read " + file + ": " + e.getMessage() + ")";
    }
  }
}

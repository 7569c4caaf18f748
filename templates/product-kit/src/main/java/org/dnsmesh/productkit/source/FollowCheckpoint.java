package org.dnsmesh.productkit.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How far a {@link LogFollower} has read each log, by the log's content identity (not its path, which rotation
 * changes): a small JSON file, replaced atomically (write beside it, then rename) so a crash leaves the old or the
 * new positions, never half of one.
 */
public final class FollowCheckpoint {

  /**
   * One log's progress: {@code offset} bytes of its (uncompressed) content read, which held {@code lines} lines;
   * {@code file} the copy last read (for messages; a rotated copy has another name).
   */
  public record Position(String key, long offset, long lines, String file) {
    public Position {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(file, "file");
      if (offset < 0 || lines < 0) {
        throw new IllegalArgumentException("negative position " + offset + "/" + lines + " of " + key);
      }
    }
  }

  private record Document(int version, List<Position> logs) {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final Map<String, Position> positions = new LinkedHashMap<>();
  /** Whether a position changed since the last save (a follower saves after every poll; most move nothing). */
  private boolean changed;

  private FollowCheckpoint(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /** The positions saved in {@code file}; none when it does not exist yet. */
  public static FollowCheckpoint load(Path file) throws IOException {
    FollowCheckpoint checkpoint = new FollowCheckpoint(file);
    if (Files.exists(file)) {
      Document document;
      try {
        document = JSON.readValue(file.toFile(), Document.class);
      } catch (IOException e) {
        throw new IOException(file + ": not a follow checkpoint (" + e.getMessage() + "); move it away to read the"
            + " logs from their start", e);
      }
      for (Position position : document.logs()) {
        checkpoint.positions.put(position.key(), position);
      }
    }
    return checkpoint;
  }

  public Path file() {
    return file;
  }

  /** The position of the log with content identity {@code key}; null when it was never read. */
  public Position get(String key) {
    return positions.get(key);
  }

  void put(Position position) {
    changed |= !position.equals(positions.put(position.key(), position));
  }

  public Map<String, Position> positions() {
    return Map.copyOf(positions);
  }

  /** Writes the positions to the file, atomically, when one changed since the last save. */
  public void save() throws IOException {
    if (!changed && Files.exists(file)) {
      return;
    }
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path next = parent.resolve(file.getFileName() + ".next");
    JSON.writeValue(next.toFile(), new Document(1, List.copyOf(positions.values())));
    try {
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
    }
    changed = false;
  }
}

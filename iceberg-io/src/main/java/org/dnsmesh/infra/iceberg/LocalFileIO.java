package org.dnsmesh.infra.iceberg;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Files;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;

/**
 * A {@link FileIO} over the local file system without Hadoop. Iceberg's default file IOs need Hadoop for
 * {@code file:} locations; this one wraps {@link Files#localInput}/{@link Files#localOutput} and keeps the
 * location string exactly as given, so metadata written here points to {@code file:} URIs that Trino and
 * other clients can resolve.
 *
 * <p>Warehouse files are private to the services: every file this IO creates is 0600 and every folder 0700
 * (created with those permissions, not chmod-ed later), whatever the process's umask, so no other local user
 * reads the data under a table, masked columns included.
 */
public class LocalFileIO implements FileIO {

  @Override
  public void initialize(Map<String, String> properties) {
    // nothing to configure
  }

  @Override
  public InputFile newInputFile(String location) {
    return new LocalInput(location, Files.localInput(toFile(location)));
  }

  @Override
  public OutputFile newOutputFile(String location) {
    return new LocalOutput(location, Files.localOutput(toFile(location)));
  }

  @Override
  public void deleteFile(String location) {
    try {
      java.nio.file.Files.deleteIfExists(toFile(location).toPath());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + location, e);
    }
  }

  /** Accepts {@code file:///abs}, {@code file:/abs} and plain absolute paths; anything else is refused. */
  public static File toFile(String location) {
    return toPath(location).toFile();
  }

  public static Path toPath(String location) {
    if (location == null) {
      throw new IllegalArgumentException("Location is null");
    }
    String path;
    if (location.startsWith("file:///")) {
      path = location.substring("file://".length());
    } else if (location.startsWith("file://")) {
      throw new IllegalArgumentException("File location with a host is not supported: " + location);
    } else if (location.startsWith("file:/")) {
      path = location.substring("file:".length());
    } else if (location.startsWith("/")) {
      path = location;
    } else {
      throw new IllegalArgumentException("Not a local file location: " + location);
    }
    return Path.of(path);
  }

  private record LocalInput(String location, InputFile delegate) implements InputFile {
    @Override
    public long getLength() {
      return delegate.getLength();
    }

    @Override
    public SeekableInputStream newStream() {
      if (!delegate.exists()) {
        // Same wording as Iceberg's Hadoop file IO, with the location as the catalog knows it.
        throw new NotFoundException("Failed to open input stream for file: %s", location);
      }
      return delegate.newStream();
    }

    @Override
    public boolean exists() {
      return delegate.exists();
    }
  }

  private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIRECTORY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  /** Creates the file (and missing parent folders) owner-only; false when it already exists. */
  static boolean createPrivately(Path file) {
    try {
      createPrivateDirectories(file.toAbsolutePath().getParent());
      java.nio.file.Files.createFile(file, PRIVATE_FILE);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException e) {
      // non-POSIX file system: the platform's permissions apply; the stream creates the file
      file.toFile().getAbsoluteFile().getParentFile().mkdirs();
      return !file.toFile().exists();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + file, e);
    }
  }

  /** Like {@code mkdir -p -m 700}: only the folders it creates get 0700; existing ones are left alone. */
  static void createPrivateDirectories(Path directory) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path current = directory; current != null && !java.nio.file.Files.isDirectory(current);
        current = current.getParent()) {
      missing.push(current);
    }
    while (!missing.isEmpty()) {
      try {
        java.nio.file.Files.createDirectory(missing.pop(), PRIVATE_DIRECTORY);
      } catch (FileAlreadyExistsException raced) {
        // another writer created it meanwhile
      }
    }
  }

  private record LocalOutput(String location, OutputFile delegate) implements OutputFile {
    @Override
    public PositionOutputStream create() {
      if (!createPrivately(toPath(location))) {
        throw new AlreadyExistsException("File already exists: %s", location);
      }
      return PrivateOutputStream.open(toPath(location));
    }

    @Override
    public PositionOutputStream createOrOverwrite() {
      createPrivately(toPath(location));
      return PrivateOutputStream.open(toPath(location)); // truncates in place: the file keeps its 0600
    }

    @Override
    public InputFile toInputFile() {
      return new LocalInput(location, delegate.toInputFile());
    }
  }

  /** Writes into an existing file (truncated), counting the position as Iceberg's writers need. */
  private static final class PrivateOutputStream extends PositionOutputStream {
    private final java.io.OutputStream out;
    private long position;

    private PrivateOutputStream(java.io.OutputStream out) {
      this.out = out;
    }

    static PrivateOutputStream open(Path file) {
      try {
        return new PrivateOutputStream(new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file,
            java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.TRUNCATE_EXISTING), 64 * 1024));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + file, e);
      }
    }

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      position++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      position += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}

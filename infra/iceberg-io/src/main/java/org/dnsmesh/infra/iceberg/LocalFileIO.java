package org.dnsmesh.infra.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;

/**
 * FileIO for {@code file:} locations without Hadoop on the classpath (Iceberg's default HadoopFileIO needs
 * it). Clients of the local mesh use it: with a local warehouse, the client writes data files itself.
 * Files keep the location string they were asked for: Iceberg records it in metadata (manifest lists,
 * data files), and readers such as Trino need the {@code file:} scheme there.
 */
public final class LocalFileIO implements FileIO {
  @Override
  public InputFile newInputFile(String location) {
    return new LocalInputFile(location, org.apache.iceberg.Files.localInput(toPath(location).toFile()));
  }

  @Override
  public OutputFile newOutputFile(String location) {
    Path path = toPath(location);
    try {
      Files.createDirectories(path.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the folder of " + location, e);
    }
    return new LocalOutputFile(location, org.apache.iceberg.Files.localOutput(path.toFile()));
  }

  @Override
  public void deleteFile(String location) {
    try {
      Files.deleteIfExists(toPath(location));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + location, e);
    }
  }

  static Path toPath(String location) {
    if (location.startsWith("file:")) {
      String uri = location.startsWith("file://") && !location.startsWith("file:///")
          ? "file:///" + location.substring("file://".length())
          : location;
      return Path.of(URI.create(uri));
    }
    if (location.startsWith("/")) {
      return Path.of(location);
    }
    throw new IllegalArgumentException("LocalFileIO handles only file: locations, got: " + location);
  }

  private record LocalInputFile(String location, InputFile delegate) implements InputFile {
    @Override
    public long getLength() {
      return delegate.getLength();
    }

    @Override
    public SeekableInputStream newStream() {
      return delegate.newStream();
    }

    @Override
    public boolean exists() {
      return delegate.exists();
    }
  }

  private record LocalOutputFile(String location, OutputFile delegate) implements OutputFile {
    @Override
    public PositionOutputStream create() {
      return delegate.create();
    }

    @Override
    public PositionOutputStream createOrOverwrite() {
      return delegate.createOrOverwrite();
    }

    @Override
    public InputFile toInputFile() {
      return new LocalInputFile(location, delegate.toInputFile());
    }
  }
}

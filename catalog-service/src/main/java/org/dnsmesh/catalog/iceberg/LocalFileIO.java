package org.dnsmesh.catalog.iceberg;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.Files;
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
      return delegate.newStream();
    }

    @Override
    public boolean exists() {
      return delegate.exists();
    }
  }

  private record LocalOutput(String location, OutputFile delegate) implements OutputFile {
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
      return new LocalInput(location, delegate.toInputFile());
    }
  }
}

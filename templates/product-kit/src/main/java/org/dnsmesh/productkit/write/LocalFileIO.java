package org.dnsmesh.productkit.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * Iceberg {@link FileIO} for the local file system ({@code file:} URIs or plain paths) without Hadoop's file
 * system layer. Select it with the catalog property {@code io-impl=org.dnsmesh.productkit.write.LocalFileIO}.
 */
public final class LocalFileIO implements FileIO {

  public LocalFileIO() {}

  static Path path(String location) {
    if (location.startsWith("file:")) {
      String rest = location.substring("file:".length());
      // file:/x, file:///x and file://localhost/x are all the same local path
      if (rest.startsWith("//")) {
        return Path.of(URI.create(location));
      }
      return Path.of(rest);
    }
    return Path.of(location);
  }

  @Override
  public InputFile newInputFile(String location) {
    return new LocalInput(location, path(location));
  }

  @Override
  public OutputFile newOutputFile(String location) {
    Path file = path(location);
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create directory for " + location, e);
    }
    return new LocalOutput(location, file);
  }

  @Override
  public void deleteFile(String location) {
    try {
      Files.deleteIfExists(path(location));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + location, e);
    }
  }

  /** Keeps the location string as given (with its scheme), so metadata written with it round-trips. */
  private record LocalInput(String location, Path file) implements InputFile {
    @Override
    public long getLength() {
      return org.apache.iceberg.Files.localInput(file.toFile()).getLength();
    }

    @Override
    public org.apache.iceberg.io.SeekableInputStream newStream() {
      return org.apache.iceberg.Files.localInput(file.toFile()).newStream();
    }

    @Override
    public boolean exists() {
      return Files.exists(file);
    }
  }

  private record LocalOutput(String location, Path file) implements OutputFile {
    @Override
    public org.apache.iceberg.io.PositionOutputStream create() {
      return org.apache.iceberg.Files.localOutput(file.toFile()).create();
    }

    @Override
    public org.apache.iceberg.io.PositionOutputStream createOrOverwrite() {
      return org.apache.iceberg.Files.localOutput(file.toFile()).createOrOverwrite();
    }

    @Override
    public InputFile toInputFile() {
      return new LocalInput(location, file);
    }
  }
}

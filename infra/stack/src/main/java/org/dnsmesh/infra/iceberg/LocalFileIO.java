package org.dnsmesh.infra.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * FileIO for {@code file:} locations without Hadoop on the classpath (Iceberg's default HadoopFileIO needs
 * it). Clients of the local mesh use it: with a local warehouse, the client writes data files itself.
 */
public final class LocalFileIO implements FileIO {
  @Override
  public InputFile newInputFile(String location) {
    return org.apache.iceberg.Files.localInput(toPath(location).toFile());
  }

  @Override
  public OutputFile newOutputFile(String location) {
    Path path = toPath(location);
    try {
      Files.createDirectories(path.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the folder of " + location, e);
    }
    return org.apache.iceberg.Files.localOutput(path.toFile());
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
      return Path.of(URI.create(location.startsWith("file:///") || !location.startsWith("file://")
          ? location : "file:///" + location.substring("file://".length())));
    }
    if (location.startsWith("/")) {
      return Path.of(location);
    }
    throw new IllegalArgumentException("LocalFileIO handles only file: locations, got: " + location);
  }
}

package org.dnsmesh.quality.table;

import java.io.File;
import java.net.URI;
import java.util.Map;
import org.apache.iceberg.Files;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * FileIO for a local warehouse directory ({@code file:} URIs or plain paths). Iceberg's HadoopFileIO
 * needs Hadoop on the classpath; this does not. Use it as {@code io-impl} for local catalogs.
 */
public final class LocalFileIO implements FileIO {
  @Override
  public void initialize(Map<String, String> properties) {
    // nothing to configure
  }

  @Override
  public InputFile newInputFile(String path) {
    return Files.localInput(file(path));
  }

  @Override
  public OutputFile newOutputFile(String path) {
    File file = file(path);
    File parent = file.getParentFile();
    if (parent != null && !parent.isDirectory() && !parent.mkdirs() && !parent.isDirectory()) {
      throw new java.io.UncheckedIOException(new java.io.IOException("cannot create directory " + parent));
    }
    return Files.localOutput(file);
  }

  @Override
  public void deleteFile(String path) {
    File file = file(path);
    if (file.exists() && !file.delete()) {
      throw new java.io.UncheckedIOException(new java.io.IOException("cannot delete " + file));
    }
  }

  private static File file(String path) {
    return path.startsWith("file:") ? new File(URI.create(path.replaceFirst("^file:/+", "file:///"))) : new File(path);
  }
}

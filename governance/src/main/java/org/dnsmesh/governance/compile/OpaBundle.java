package org.dnsmesh.governance.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.dnsmesh.governance.AtomicFiles;

/**
 * An OPA bundle as files (path relative to the bundle root -> content): {@code .manifest},
 * {@code dnsmesh/authz/authz.rego}, {@code dnsmesh/trino/trino.rego}, {@code dnsmesh/policy/data.json}.
 * Serve it with {@code opa run --server --bundle <dir>} or evaluate with {@code opa eval --bundle <dir>}.
 */
public record OpaBundle(Map<String, String> files) {
  public OpaBundle {
    files = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(files, "files")));
  }

  public String file(String path) {
    String content = files.get(path);
    if (content == null) {
      throw new IllegalArgumentException("bundle has no file " + path + "; files: " + files.keySet());
    }
    return content;
  }

  /** Writes the bundle as a directory (replacing files of the same names). */
  public void writeTo(Path directory) {
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        AtomicFiles.writeString(directory.resolve(file.getKey()), file.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write OPA bundle to " + directory + ": " + e.getMessage(), e);
    }
  }
}

package org.dnsmesh.governance.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
        Path target = directory.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temporary, file.getValue(), StandardCharsets.UTF_8);
        Files.move(temporary, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write OPA bundle to " + directory + ": " + e.getMessage(), e);
    }
  }
}

package org.dnsmesh.infra.trinoauth;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The access policy's {@code idpGroups}, as the file {@code mesh up} generates ({@code group=principal} lines):
 * which policy principal the members of an identity-provider group act as. Re-read when the file changes.
 */
final class IdpGroups {
  private final Optional<Path> file;
  private FileTime loadedAt;
  private Map<String, String> principalByGroup = Map.of();

  IdpGroups(Optional<Path> file) {
    this.file = file;
  }

  /** The one principal the groups map to; empty when none or several do. */
  synchronized Optional<String> principalFor(List<String> groups) {
    reloadIfChanged();
    List<String> principals = groups.stream().map(principalByGroup::get).filter(p -> p != null).distinct().toList();
    return principals.size() == 1 ? Optional.of(principals.getFirst()) : Optional.empty();
  }

  private void reloadIfChanged() {
    if (file.isEmpty()) {
      return;
    }
    try {
      FileTime modified = Files.getLastModifiedTime(file.get());
      if (modified.equals(loadedAt)) {
        return;
      }
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file.get())) {
        properties.load(reader);
      }
      Map<String, String> map = new TreeMap<>();
      properties.stringPropertyNames().forEach(group -> map.put(group, properties.getProperty(group).trim()));
      principalByGroup = Map.copyOf(map);
      loadedAt = modified;
    } catch (IOException e) {
      principalByGroup = Map.of(); // unreadable: no group maps to anyone (fail closed)
      loadedAt = null;
    }
  }
}

package org.dnsmesh.catalog.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;

/**
 * The warehouse folder of one domain and the rules that keep every location of that domain inside it:
 * each location is canonicalised ({@link CanonicalPath}: every percent-decoding, normalised, links
 * resolved) and must lie under the warehouse, and every file of a table under the table's own location.
 * Names are checked before they reach PostgreSQL or the file system ({@link CatalogNames}).
 */
public record Warehouse(String domain, Path root) {
  /** Table properties that redirect where data or metadata files are written. */
  public static final Set<String> LOCATION_PROPERTIES = Set.of(
      TableProperties.WRITE_DATA_LOCATION,
      TableProperties.WRITE_METADATA_LOCATION,
      TableProperties.OBJECT_STORE_PATH,
      TableProperties.WRITE_FOLDER_STORAGE_LOCATION,
      "location");

  public Warehouse {
    Objects.requireNonNull(domain, "domain");
    root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  /** The warehouse as a {@code file:///} URI string, as handed to the JDBC catalog. */
  public String location() {
    return "file://" + root;
  }

  /** A fresh location for a new table; unique so that a dropped or renamed table never shares files. */
  public String newTableLocation(TableIdentifier identifier) {
    requireValidIdentifier(identifier);
    StringBuilder location = new StringBuilder(location());
    for (String level : identifier.namespace().levels()) {
      location.append('/').append(level);
    }
    return location
        .append('/')
        .append(identifier.name())
        .append('-')
        .append(UUID.randomUUID().toString().replace("-", ""))
        .toString();
  }

  /** Refuses, with 400 naming the field, a location that any reading of resolves outside this warehouse. */
  public void requireInside(String location, String field) {
    if (location == null) {
      return;
    }
    Path root = realRoot();
    for (Path path : CanonicalPath.of(location, field)) {
      if (!path.startsWith(root)) {
        throw new BadRequestException("%s '%s' is outside the warehouse of domain %s", field, location, domain);
      }
    }
  }

  /**
   * Refuses, with 400 naming the field, a file reference that any reading of resolves outside the table's
   * own location (which itself must lie inside this warehouse).
   */
  public void requireUnder(String tableLocation, String location, String field) {
    if (location == null) {
      return;
    }
    if (!isUnder(tableLocation, location, field)) {
      throw new BadRequestException(
          "%s '%s' is outside the table's location %s: every file of a table lies under its location",
          field, location, tableLocation);
    }
  }

  /** Whether every reading of {@code location} lies under the table's location inside this warehouse. */
  public boolean isUnder(String tableLocation, String location, String field) {
    requireInside(tableLocation, "Table location");
    Set<Path> tables = CanonicalPath.of(tableLocation, "Table location");
    for (Path path : CanonicalPath.of(location, field)) {
      for (Path table : tables) {
        if (!path.startsWith(table) || path.equals(table)) {
          return false;
        }
      }
    }
    return true;
  }

  private Path realRoot() {
    try {
      return Files.exists(root) ? root.toRealPath() : root;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot resolve warehouse of domain " + domain, e);
    }
  }

  /** See {@link CatalogNames#requireValid(TableIdentifier)}. */
  public static void requireValidIdentifier(TableIdentifier identifier) {
    CatalogNames.requireValid(identifier);
  }

  /** See {@link CatalogNames#requireValid(Namespace)}. */
  public static void requireValidNamespace(Namespace namespace) {
    CatalogNames.requireValid(namespace);
  }
}

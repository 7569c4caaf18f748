package org.dnsmesh.catalog.iceberg;

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
 * only {@code file:} locations, no {@code ..} segment, and the normalised path must lie under the
 * warehouse. Names that would build a path outside it ({@code ..}, slashes) are refused as well.
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

  /** Refuses a location outside this warehouse with 400, naming what was asked for. */
  public void requireInside(String location, String what) {
    if (location == null) {
      return;
    }
    if (!location.startsWith("file:") && !location.startsWith("/")) {
      throw new BadRequestException(
          "%s '%s' is outside warehouse %s of domain %s: only file: locations are allowed",
          what, location, location(), domain);
    }
    for (String segment : location.split("/")) {
      if (segment.equals("..")) {
        throw new BadRequestException("%s '%s' contains '..': refused", what, location);
      }
    }
    Path path;
    try {
      path = LocalFileIO.toPath(location).toAbsolutePath().normalize();
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("%s '%s' is not a valid location: %s", what, location, e.getMessage());
    }
    if (!path.startsWith(root)) {
      throw new BadRequestException(
          "%s '%s' is outside warehouse %s of domain %s", what, location, location(), domain);
    }
  }

  public static void requireValidIdentifier(TableIdentifier identifier) {
    requireValidNamespace(identifier.namespace());
    requireValidName(identifier.name(), "Table or view name");
  }

  public static void requireValidNamespace(Namespace namespace) {
    for (String level : namespace.levels()) {
      requireValidName(level, "Namespace level");
    }
  }

  private static void requireValidName(String name, String what) {
    if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")
        || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
      throw new BadRequestException(
          "%s '%s' is not allowed: it must be non-empty, not '.' or '..', and contain no '/' or '\\'",
          what, name);
    }
  }
}

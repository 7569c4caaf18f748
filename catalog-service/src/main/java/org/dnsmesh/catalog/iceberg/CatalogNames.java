package org.dnsmesh.catalog.iceberg;

import java.nio.charset.StandardCharsets;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;

/**
 * The names a domain's catalog accepts, checked before they reach PostgreSQL or the file system: a name is
 * a folder of the warehouse (table folders get a 33-character suffix, file systems allow 255 bytes), the
 * JDBC catalog stores a namespace as its levels joined by '.' in a 255-character column, and NUL or other
 * control characters break both. Refusals answer 400 with the rule and where, never a server path.
 */
public final class CatalogNames {
  /** Bytes of one namespace level or table name (UTF-8): a table folder adds '-' and 32 hex digits. */
  public static final int MAX_NAME_BYTES = 200;
  /** Characters of a whole namespace as the JDBC catalog stores it (levels joined by '.'). */
  public static final int MAX_NAMESPACE_CHARS = 255;
  public static final int MAX_NAMESPACE_DEPTH = 16;

  private CatalogNames() {}

  public static void requireValid(TableIdentifier identifier) {
    requireValid(identifier.namespace());
    requireValidName(identifier.name(), "Table or view name");
  }

  public static void requireValid(Namespace namespace) {
    String[] levels = namespace.levels();
    if (levels.length > MAX_NAMESPACE_DEPTH) {
      throw new BadRequestException("Namespace has %d levels: at most %d are allowed", levels.length, MAX_NAMESPACE_DEPTH);
    }
    int length = Math.max(0, levels.length - 1);
    for (String level : levels) {
      requireValidName(level, "Namespace level");
      if (level.indexOf('.') >= 0) {
        throw new BadRequestException(
            "Namespace level '%s' contains '.': levels are separate names (send them as separate levels)", level);
      }
      length += level.length();
    }
    if (length > MAX_NAMESPACE_CHARS) {
      throw new BadRequestException("Namespace is %d characters long (levels joined by '.'): at most %d are allowed",
          length, MAX_NAMESPACE_CHARS);
    }
  }

  private static void requireValidName(String name, String what) {
    if (name == null || name.isEmpty()) {
      throw new BadRequestException("%s is empty: a name is required", what);
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new BadRequestException("%s '%s' contains the control character U+%04X at position %d: not allowed",
            what, printable(name), (int) c, i);
      }
      if (c == '/' || c == '\\') {
        throw new BadRequestException("%s '%s' contains '%c': names are single folder names", what, printable(name), c);
      }
      if (Character.isSurrogate(c) && !validSurrogate(name, i)) {
        throw new BadRequestException("%s contains an unpaired surrogate at position %d: not allowed", what, i);
      }
    }
    if (name.equals(".") || name.equals("..")) {
      throw new BadRequestException("%s '%s' is not allowed: it names a folder relative to its parent", what, name);
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_NAME_BYTES) {
      throw new BadRequestException("%s '%s' is %d bytes long (UTF-8): at most %d are allowed",
          what, printable(name), bytes, MAX_NAME_BYTES);
    }
  }

  private static boolean validSurrogate(String name, int i) {
    char c = name.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(name.charAt(i - 1));
  }

  /** A name fit for an error message: control characters escaped, long names cut. */
  static String printable(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints().limit(48).forEach(c -> {
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return name.codePointCount(0, name.length()) > 48 ? out + "..." : out.toString();
  }
}

package org.dnsmesh.catalog.iceberg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.exceptions.BadRequestException;

/**
 * Every file a location string can reach, as the file system resolves it. A location is read literally by
 * our own file IO but percent-decoded by URI-based readers (Hadoop, Trino), so each decoding round
 * ({@code %2e%2e}, {@code %252e}) is one more candidate; each is made absolute, normalised and has its
 * symbolic links resolved ({@link Path#toRealPath} on the longest existing prefix). A location is confined
 * only when all candidates are. Refused with 400, naming the field: non-local schemes, a host, control
 * characters, {@code ..} segments in any decoding, malformed escapes and dangling links.
 */
final class CanonicalPath {
  /** Percent-decoding rounds after which a location must be stable (double encoding is two rounds). */
  private static final int MAX_DECODING_ROUNDS = 4;
  static final int MAX_LOCATION_LENGTH = 4096;

  private CanonicalPath() {}

  /** The canonical paths of every reading of {@code location}. */
  static Set<Path> of(String location, String field) {
    if (location.length() > MAX_LOCATION_LENGTH) {
      throw new BadRequestException("%s is %d characters long: at most %d are allowed",
          field, location.length(), MAX_LOCATION_LENGTH);
    }
    Set<Path> paths = new LinkedHashSet<>();
    for (String reading : readings(location, field)) {
      paths.add(real(absolute(reading, location, field), location, field));
    }
    return paths;
  }

  /** The literal string and each percent-decoded form of it. */
  private static List<String> readings(String location, String field) {
    List<String> readings = new ArrayList<>();
    String current = location;
    readings.add(current);
    for (int round = 0; round < MAX_DECODING_ROUNDS && current.indexOf('%') >= 0; round++) {
      String decoded = percentDecode(current, location, field);
      if (decoded.equals(current)) {
        break;
      }
      readings.add(decoded);
      current = decoded;
    }
    if (current.indexOf('%') >= 0 && !percentDecode(current, location, field).equals(current)) {
      throw new BadRequestException("%s '%s' is encoded more than %d times: refused", field, location, MAX_DECODING_ROUNDS);
    }
    return readings;
  }

  private static Path absolute(String reading, String location, String field) {
    for (int i = 0; i < reading.length(); i++) {
      char c = reading.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new BadRequestException(
            "%s '%s' contains a control character (U+%04X): refused", field, printable(location), (int) c);
      }
    }
    String path;
    if (reading.startsWith("file:///")) {
      path = reading.substring("file://".length());
    } else if (reading.startsWith("file://")) {
      throw new BadRequestException("%s '%s' names a host: only local file: locations are allowed", field, location);
    } else if (reading.startsWith("file:/")) {
      path = reading.substring("file:".length());
    } else if (reading.startsWith("/")) {
      path = reading;
    } else {
      throw new BadRequestException(
          "%s '%s' is not a local absolute location: only file:/// locations are allowed", field, location);
    }
    for (String segment : path.split("/")) {
      if (segment.equals("..")) {
        throw new BadRequestException("%s '%s' contains a '..' segment: refused", field, location);
      }
    }
    try {
      return Path.of(path).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new BadRequestException("%s '%s' is not a valid path: %s", field, location, e.getReason());
    }
  }

  /** Resolves links on the longest existing prefix; the rest cannot hold links (it does not exist). */
  private static Path real(Path path, String location, String field) {
    Path existing = path;
    while (existing != null) {
      if (Files.exists(existing)) {
        try {
          Path real = existing.toRealPath();
          return existing == path ? real : real.resolve(existing.relativize(path)).normalize();
        } catch (IOException e) {
          throw new BadRequestException("%s '%s' cannot be resolved: %s", field, location, e.getClass().getSimpleName());
        }
      }
      if (Files.isSymbolicLink(existing) || Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
        throw new BadRequestException("%s '%s' passes through a dangling symbolic link: refused", field, location);
      }
      existing = existing.getParent();
    }
    return path;
  }

  private static String percentDecode(String value, String location, String field) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '%') {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
          encoded = value.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.writeBytes(encoded);
        continue;
      }
      int high = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
      int low = i + 2 < value.length() ? Character.digit(value.charAt(i + 2), 16) : -1;
      if (high < 0 || low < 0) {
        throw new BadRequestException("%s '%s' has a malformed percent-escape at offset %d", field, location, i);
      }
      bytes.write(high * 16 + low);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BadRequestException("%s '%s' decodes to invalid UTF-8: refused", field, location);
    }
  }

  private static String printable(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().forEach(c -> {
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}

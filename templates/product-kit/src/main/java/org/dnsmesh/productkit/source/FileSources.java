package org.dnsmesh.productkit.source;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Log files named on a command line, {@code <format>:<file|dir|glob>}, read one after the other as one source:
 * {@code zeek:} a Zeek dns.log in TSV or JSON form, {@code jsonl:} the kit's JSON lines; either plain or gzipped.
 * A directory stands for its files named {@code dns*} ({@code zeek:}) or {@code *.json*} ({@code jsonl:}); a glob
 * ({@code logs/2026-*}{@code /dns.*.log.gz}) for the files it matches. Files are read in name order, which is time
 * order for Zeek's rotated names ({@code dns.<from>-<to>.log.gz}).
 */
public final class FileSources implements DnsEventSource {

  /** How the files' lines are read. */
  public enum Format { ZEEK, JSONL }

  private final Format format;
  private final List<Path> files;
  private final Consumer<Path> onFile;

  private FileSources(Format format, List<Path> files, Consumer<Path> onFile) {
    this.format = format;
    this.files = List.copyOf(files);
    this.onFile = onFile;
  }

  /**
   * The files of {@code spec}; throws {@link IllegalArgumentException} naming the problem when the format is unknown
   * or nothing matches.
   */
  public static FileSources parse(String spec) throws IOException {
    Objects.requireNonNull(spec, "spec");
    Format format = parseFormat(spec);
    String where = spec.substring(spec.indexOf(':') + 1);
    if (where.isEmpty()) {
      throw new IllegalArgumentException("'" + spec + "': no file, directory or glob after the colon");
    }
    List<Path> files = resolve(format, where);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("'" + where + "' matches no " + (format == Format.ZEEK ? "dns* " : "*.json* ")
          + "file");
    }
    return new FileSources(format, files, file -> {});
  }

  /** The format named before the colon of {@code spec}; {@link IllegalArgumentException} naming the problem. */
  static Format parseFormat(String spec) {
    int colon = spec.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("'" + spec + "': expected zeek:<file|dir|glob> or jsonl:<file|dir|glob>");
    }
    return switch (spec.substring(0, colon).toLowerCase(Locale.ROOT)) {
      case "zeek" -> Format.ZEEK;
      case "jsonl" -> Format.JSONL;
      default -> throw new IllegalArgumentException("'" + spec.substring(0, colon)
          + "' is not a source format: expected zeek:<file|dir|glob> or jsonl:<file|dir|glob>");
    };
  }

  static List<Path> resolve(Format format, String where) throws IOException {
    int wildcard = firstWildcard(where);
    if (wildcard < 0) {
      Path path = Path.of(where);
      if (Files.isRegularFile(path)) {
        return List.of(path);
      }
      if (Files.isDirectory(path)) {
        try (Stream<Path> entries = Files.list(path)) {
          return entries.filter(Files::isRegularFile).filter(p -> inDirectory(format, p)).sorted().toList();
        }
      }
      throw new IllegalArgumentException("'" + where + "' is no file or directory");
    }
    // the glob applies below the last directory before the first wildcard
    int slash = where.lastIndexOf('/', wildcard);
    Path base = slash < 0 ? Path.of(".") : Path.of(slash == 0 ? "/" : where.substring(0, slash));
    String pattern = slash < 0 ? where : where.substring(slash + 1);
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    if (!Files.isDirectory(base)) {
      throw new IllegalArgumentException("'" + base + "' (the directory of '" + where + "') does not exist");
    }
    List<Path> matched = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(base)) {
      walk.filter(Files::isRegularFile).filter(p -> matcher.matches(base.relativize(p))).sorted().forEach(matched::add);
    }
    return matched;
  }

  private static int firstWildcard(String where) {
    for (int i = 0; i < where.length(); i++) {
      if ("*?[{".indexOf(where.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean inDirectory(Format format, Path file) {
    String name = file.getFileName().toString();
    return format == Format.ZEEK ? name.startsWith("dns") : name.contains(".json");
  }

  /** The same files, telling {@code onFile} as each is opened (for progress). */
  public FileSources onFile(Consumer<Path> onFile) {
    return new FileSources(format, files, Objects.requireNonNull(onFile, "onFile"));
  }

  public Format format() {
    return format;
  }

  public List<Path> files() {
    return files;
  }

  @Override
  public SourceCounts readAll(Sink sink) throws IOException {
    long events = 0;
    long unparsed = 0;
    for (Path file : files) {
      onFile.accept(file);
      DnsEventSource source = format == Format.ZEEK ? ZeekDnsLogReader.open(file)
          : new JsonLinesDnsReader(ZeekDnsLogReader.bytes(file), file.getFileName().toString());
      SourceCounts counts = source.readAll(sink);
      events += counts.events();
      unparsed += counts.unparsed();
    }
    return new SourceCounts(events, unparsed);
  }
}

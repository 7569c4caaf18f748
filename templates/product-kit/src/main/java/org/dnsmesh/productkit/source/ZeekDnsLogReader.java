package org.dnsmesh.productkit.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Reads a Zeek {@code dns.log} in its TSV form: {@code #separator}, {@code #set_separator}, {@code #empty_field},
 * {@code #unset_field} and {@code #fields} header lines, then one tab-separated line per DNS transaction. Columns
 * are found by name, so field order and extra fields do not matter. A file whose first data character is
 * {@code '{'} is a Zeek JSON log and is delegated to {@link JsonLinesDnsReader}: use {@link #open(Path)} to get
 * the right reader for either form.
 */
public final class ZeekDnsLogReader implements DnsEventSource {

  private final LineInput input;
  private final String sourceName;

  public ZeekDnsLogReader(Reader input, String sourceName) {
    this(LineInput.of(Objects.requireNonNull(input, "input")), sourceName);
  }

  /** Reads UTF-8 bytes line by line: a line that is not UTF-8 becomes an unparsed record, the rest is read. */
  public ZeekDnsLogReader(InputStream input, String sourceName) {
    this(LineInput.of(Objects.requireNonNull(input, "input")), sourceName);
  }

  private ZeekDnsLogReader(LineInput input, String sourceName) {
    this.input = input;
    this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
  }

  /**
   * A reader for a Zeek dns.log in TSV or JSON form, plain or gzip-compressed (how Zeek rotates logs; told by the
   * gzip magic bytes, not the name), the form chosen by the file's first non-blank character.
   */
  public static DnsEventSource open(Path file) throws IOException {
    String name = file.getFileName().toString();
    if (firstNonBlank(file) == '{') {
      return new JsonLinesDnsReader(bytes(file), name);
    }
    return new ZeekDnsLogReader(bytes(file), name);
  }

  /** The file's content bytes: decompressed when it starts with the gzip magic bytes. */
  public static InputStream bytes(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      try {
        return new GZIPInputStream(raw, 64 * 1024);
      } catch (IOException e) {
        raw.close();
        throw new IOException(file + ": not a readable gzip file: " + e.getMessage(), e);
      }
    }
    return raw;
  }

  private static int firstNonBlank(Path file) throws IOException {
    try (InputStream in = bytes(file)) {
      int c;
      while ((c = in.read()) != -1) {
        if (!Character.isWhitespace(c)) {
          return c;
        }
      }
      return -1;
    }
  }

  @Override
  public SourceCounts readAll(Sink sink) throws IOException {
    ZeekTsvLines parser = new ZeekTsvLines(sourceName);
    long events = 0;
    long unparsed = 0;
    try (LineInput lines = input) {
      LineInput.Line next;
      while ((next = lines.next()) != null) {
        switch (parser.accept(next, sink)) {
          case EVENT -> events++;
          case UNPARSED -> unparsed++;
          case NONE -> { }
        }
      }
    }
    return new SourceCounts(events, unparsed);
  }

  /** Zeek writes non-printable bytes and separators as {@code \xHH}. */
  static String unescape(String value) {
    if (value.indexOf("\\x") < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 3 < value.length() && value.charAt(i + 1) == 'x'
          && isHex(value, i + 2) && isHex(value, i + 3)) {
        out.append((char) Integer.parseInt(value.substring(i + 2, i + 4), 16));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isHex(String value, int i) {
    return i < value.length() && Character.digit(value.charAt(i), 16) >= 0;
  }
}

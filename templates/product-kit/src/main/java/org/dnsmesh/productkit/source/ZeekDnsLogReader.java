package org.dnsmesh.productkit.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
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
    Header header = new Header();
    long events = 0;
    long unparsed = 0;
    try (LineInput lines = input) {
      LineInput.Line next;
      while ((next = lines.next()) != null) {
        long lineNumber = next.number();
        SourcePosition position = new SourcePosition(sourceName, lineNumber);
        if (!next.decoded()) {
          sink.unparsed(UnparsedRecord.undecodable(position, next.problem(), next.bytes()));
          unparsed++;
          continue;
        }
        String line = next.text();
        if (line.isEmpty()) {
          continue;
        }
        if (line.charAt(0) == '#') {
          header.accept(line, sourceName, lineNumber);
          continue;
        }
        if (header.fields == null) {
          throw new SourceFormatException(position + ": data line before the #fields header");
        }
        String[] values = line.split(java.util.regex.Pattern.quote(header.separator), -1);
        if (values.length != header.fields.size()) {
          sink.unparsed(new UnparsedRecord(position,
              "expected " + header.fields.size() + " fields, found " + values.length, line));
          unparsed++;
          continue;
        }
        try {
          sink.event(header.toEvent(values, position, line));
          events++;
        } catch (RuntimeException e) {
          sink.unparsed(new UnparsedRecord(position, e.getMessage(), line));
          unparsed++;
        }
      }
    }
    return new SourceCounts(events, unparsed);
  }

  /** The header state; Zeek may repeat headers (log rotation concatenated), so each line updates it. */
  private static final class Header {
    String separator = "\t";
    String setSeparator = ",";
    String emptyField = "(empty)";
    String unsetField = "-";
    List<String> fields;
    Map<String, Integer> index = Map.of();

    void accept(String line, String sourceName, long lineNumber) {
      if (line.startsWith("#separator")) {
        String value = line.substring("#separator".length()).trim();
        separator = unescape(value);
        return;
      }
      String[] parts = line.split(java.util.regex.Pattern.quote(separator), -1);
      switch (parts[0]) {
        case "#set_separator" -> setSeparator = parts[1];
        case "#empty_field" -> emptyField = parts[1];
        case "#unset_field" -> unsetField = parts[1];
        case "#fields" -> {
          fields = List.of(parts).subList(1, parts.length);
          Map<String, Integer> byName = new HashMap<>();
          for (int i = 0; i < fields.size(); i++) {
            byName.put(fields.get(i), i);
          }
          for (String required : List.of("ts")) {
            if (!byName.containsKey(required)) {
              throw new SourceFormatException(
                  sourceName + ":" + lineNumber + ": #fields header has no '" + required + "' column");
            }
          }
          index = byName;
        }
        default -> {
          // #path, #open, #close, #types: nothing to keep
        }
      }
    }

    RawDnsEvent toEvent(String[] values, SourcePosition position, String line) {
      return new RawDnsEvent(
          timestamp(value(values, "ts"), position),
          value(values, "uid"),
          value(values, "id.orig_h"),
          number(values, "id.orig_p", Integer::valueOf),
          value(values, "id.resp_h"),
          number(values, "id.resp_p", Integer::valueOf),
          value(values, "proto"),
          number(values, "trans_id", Integer::valueOf),
          number(values, "rtt", Double::valueOf),
          value(values, "query"),
          number(values, "qtype", Integer::valueOf),
          value(values, "qtype_name"),
          number(values, "rcode", Integer::valueOf),
          value(values, "rcode_name"),
          bool(values, "AA"),
          bool(values, "TC"),
          bool(values, "RD"),
          bool(values, "RA"),
          vector(values, "answers", Function.identity()),
          vector(values, "TTLs", Double::valueOf),
          bool(values, "rejected"),
          position,
          SourceText.of(line));
    }

    private String value(String[] values, String field) {
      Integer i = index.get(field);
      if (i == null) {
        return null;
      }
      String raw = values[i];
      if (raw.equals(unsetField)) {
        return null;
      }
      if (raw.equals(emptyField)) {
        return "";
      }
      return unescape(raw);
    }

    private <T> T number(String[] values, String field, Function<String, T> parse) {
      String raw = value(values, field);
      if (raw == null || raw.isEmpty()) {
        return null;
      }
      try {
        return parse.apply(raw);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("field '" + field + "' is not a number: '" + raw + "'");
      }
    }

    private Boolean bool(String[] values, String field) {
      String raw = value(values, field);
      if (raw == null || raw.isEmpty()) {
        return null;
      }
      return switch (raw) {
        case "T" -> Boolean.TRUE;
        case "F" -> Boolean.FALSE;
        default -> throw new IllegalArgumentException("field '" + field + "' is not T/F: '" + raw + "'");
      };
    }

    private <T> List<T> vector(String[] values, String field, Function<String, T> parse) {
      Integer i = index.get(field);
      if (i == null || values[i].equals(unsetField) || values[i].equals(emptyField)) {
        return List.of();
      }
      List<T> result = new ArrayList<>();
      for (String element : values[i].split(java.util.regex.Pattern.quote(setSeparator), -1)) {
        try {
          result.add(parse.apply(unescape(element)));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("field '" + field + "' has a non-numeric element: '" + element + "'");
        }
      }
      return result;
    }

    private static Instant timestamp(String raw, SourcePosition position) {
      if (raw == null || raw.isEmpty()) {
        throw new IllegalArgumentException("field 'ts' is unset");
      }
      return ZeekTime.parse(raw);
    }
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

package org.dnsmesh.productkit.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Parses a Zeek TSV dns.log one line at a time (header lines update the parser, data lines become events or
 * unparsed records), so a whole-file reader and a follower that resumes mid-file (after replaying the header lines)
 * share one parser.
 */
final class ZeekTsvLines {

  /** What a line turned into. */
  enum Outcome { EVENT, UNPARSED, NONE }

  private final String sourceName;
  private final Header header = new Header();

  ZeekTsvLines(String sourceName) {
    this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
  }

  /** Pushes {@code next} to {@code sink} as an event or an unparsed record; header and empty lines push nothing. */
  Outcome accept(LineInput.Line next, DnsEventSource.Sink sink) {
    long lineNumber = next.number();
    SourcePosition position = new SourcePosition(sourceName, lineNumber);
    if (!next.decoded()) {
      sink.unparsed(UnparsedRecord.undecodable(position, next.problem(), next.bytes()));
      return Outcome.UNPARSED;
    }
    String line = next.text();
    if (line.isEmpty()) {
      return Outcome.NONE;
    }
    if (line.charAt(0) == '#') {
      header.accept(line, sourceName, lineNumber);
      return Outcome.NONE;
    }
    if (header.fields == null) {
      throw new SourceFormatException(position + ": data line before the #fields header");
    }
    String[] values = line.split(java.util.regex.Pattern.quote(header.separator), -1);
    if (values.length != header.fields.size()) {
      sink.unparsed(new UnparsedRecord(position,
          "expected " + header.fields.size() + " fields, found " + values.length, line));
      return Outcome.UNPARSED;
    }
    try {
      sink.event(header.toEvent(values, position, line));
      return Outcome.EVENT;
    } catch (RuntimeException e) {
      sink.unparsed(new UnparsedRecord(position, e.getMessage(), line));
      return Outcome.UNPARSED;
    }
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
        separator = ZeekDnsLogReader.unescape(value);
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
      return ZeekDnsLogReader.unescape(raw);
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
          result.add(parse.apply(ZeekDnsLogReader.unescape(element)));
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

}

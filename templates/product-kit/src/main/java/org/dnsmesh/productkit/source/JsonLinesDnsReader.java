package org.dnsmesh.productkit.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads DNS events as JSON lines: Zeek's JSON {@code dns.log} ({@code "id.orig_h"}, {@code "TTLs"}, ...) and the
 * kit's own snake_case names ({@code client_ip}, {@code query_name}, {@code latency_ms}, ...) are both accepted.
 * {@code qtype} and {@code rcode} may be numbers or names. A line that is not a JSON object, or has no timestamp,
 * becomes an {@link UnparsedRecord} with the reason.
 */
public final class JsonLinesDnsReader implements DnsEventSource {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LineInput input;
  private final String sourceName;

  public JsonLinesDnsReader(Reader input, String sourceName) {
    this(LineInput.of(Objects.requireNonNull(input, "input")), sourceName);
  }

  /** Reads UTF-8 bytes line by line: a line that is not UTF-8 becomes an unparsed record, the rest is read. */
  public JsonLinesDnsReader(InputStream input, String sourceName) {
    this(LineInput.of(Objects.requireNonNull(input, "input")), sourceName);
  }

  private JsonLinesDnsReader(LineInput input, String sourceName) {
    this.input = input;
    this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
  }

  @Override
  public SourceCounts readAll(Sink sink) throws IOException {
    long events = 0;
    long unparsed = 0;
    try (LineInput lines = input) {
      LineInput.Line next;
      while ((next = lines.next()) != null) {
        switch (accept(next, sourceName, sink)) {
          case EVENT -> events++;
          case UNPARSED -> unparsed++;
          case NONE -> { }
        }
      }
    }
    return new SourceCounts(events, unparsed);
  }

  /** Pushes one line to {@code sink} as an event or an unparsed record (a blank line pushes nothing). */
  static ZeekTsvLines.Outcome accept(LineInput.Line next, String sourceName, Sink sink) {
    SourcePosition position = new SourcePosition(sourceName, next.number());
    if (!next.decoded()) {
      sink.unparsed(UnparsedRecord.undecodable(position, next.problem(), next.bytes()));
      return ZeekTsvLines.Outcome.UNPARSED;
    }
    String line = next.text();
    if (line.isBlank()) {
      return ZeekTsvLines.Outcome.NONE;
    }
    try {
      sink.event(parse(line, position));
      return ZeekTsvLines.Outcome.EVENT;
    } catch (JsonProcessingException e) {
      sink.unparsed(new UnparsedRecord(position, "not JSON: " + e.getOriginalMessage(), line));
    } catch (IllegalArgumentException e) {
      sink.unparsed(new UnparsedRecord(position, e.getMessage(), line));
    }
    return ZeekTsvLines.Outcome.UNPARSED;
  }

  /** Parses one JSON object into a raw event; throws {@link IllegalArgumentException} naming the bad field. */
  public static RawDnsEvent parse(String line, SourcePosition position) throws JsonProcessingException {
    JsonNode node = JSON.readTree(line);
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonNode ts = first(node, "ts", "timestamp", "event_ts");
    if (ts == null) {
      throw new IllegalArgumentException("no 'ts' field");
    }
    Instant timestamp = ts.isNumber() ? ZeekTime.parse(ts.decimalValue().toPlainString()) : ZeekTime.parse(ts.asText());
    JsonNode qtype = first(node, "qtype");
    JsonNode rcode = first(node, "rcode");
    Double rtt = number(node, "rtt");
    if (rtt == null) {
      Double millis = number(node, "latency_ms", "rtt_ms");
      rtt = millis == null ? null : millis / 1000.0;
    }
    return new RawDnsEvent(
        timestamp,
        text(node, "uid"),
        text(node, "id.orig_h", "client_ip"),
        integer(node, "id.orig_p", "client_port"),
        text(node, "id.resp_h", "server_ip"),
        integer(node, "id.resp_p", "server_port"),
        text(node, "proto", "protocol"),
        integer(node, "trans_id", "transaction_id"),
        rtt,
        text(node, "query", "query_name"),
        qtype != null && qtype.isNumber() ? qtype.intValue() : null,
        qtype != null && qtype.isTextual() ? qtype.asText() : text(node, "qtype_name"),
        rcode != null && rcode.isNumber() ? rcode.intValue() : null,
        rcode != null && rcode.isTextual() ? rcode.asText() : text(node, "rcode_name"),
        bool(node, "AA", "authoritative"),
        bool(node, "TC", "truncated"),
        bool(node, "RD", "recursion_desired"),
        bool(node, "RA", "recursion_available"),
        strings(node, "answers"),
        doubles(node, "TTLs", "ttls"),
        bool(node, "rejected"),
        position,
        SourceText.of(line));
  }

  private static JsonNode first(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode value = node.get(name);
      if (value != null && !value.isNull()) {
        return value;
      }
    }
    return null;
  }

  private static String text(JsonNode node, String... names) {
    JsonNode value = first(node, names);
    return value == null ? null : value.asText();
  }

  private static Integer integer(JsonNode node, String... names) {
    JsonNode value = first(node, names);
    if (value == null) {
      return null;
    }
    if (!value.canConvertToInt()) {
      throw new IllegalArgumentException("field '" + names[0] + "' is not an integer: " + value);
    }
    return value.intValue();
  }

  private static Double number(JsonNode node, String... names) {
    JsonNode value = first(node, names);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      throw new IllegalArgumentException("field '" + names[0] + "' is not a number: " + value);
    }
    return value.doubleValue();
  }

  private static Boolean bool(JsonNode node, String... names) {
    JsonNode value = first(node, names);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw new IllegalArgumentException("field '" + names[0] + "' is not a boolean: " + value);
    }
    return value.booleanValue();
  }

  private static List<String> strings(JsonNode node, String... names) {
    JsonNode value = first(node, names);
    List<String> result = new ArrayList<>();
    if (value != null) {
      value.forEach(element -> result.add(element.asText()));
    }
    return result;
  }

  private static List<Double> doubles(JsonNode node, String... names) {
    JsonNode value = first(node, names);
    List<Double> result = new ArrayList<>();
    if (value != null) {
      for (JsonNode element : value) {
        if (!element.isNumber()) {
          throw new IllegalArgumentException("field '" + names[0] + "' has a non-numeric element: " + element);
        }
        result.add(element.doubleValue());
      }
    }
    return result;
  }
}

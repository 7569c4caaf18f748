package org.dnsmesh.products.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A DNS provider's zone-change log line: space-separated {@code key=value} pairs, values with spaces in double
 * quotes, several record values separated by {@code ,}, e.g.
 * <pre>ts=2026-11-02T10:00:00Z id=chg-9 tenant=acme zone=example.com. op=REPLACE name=www.example.com. type=A
 * ttl=300->60 old=192.0.2.1 new=192.0.2.9 user=ops@acme.example ip=198.51.100.7 cr=CR-12 approver=lead@acme.example</pre>
 * Every line is a {@code record-change} of the zone (the domain is the zone's apex); {@code ttl=a->b} gives
 * {@code ttl_delta = b - a}. The provider's log is authoritative: confidence 1.0.
 */
final class ZoneChangeLogParser implements SourceParser {

  @Override
  public Map<String, Object> parse(String text) {
    Map<String, String> fields = fields(text);
    Map<String, Object> row = new HashMap<>();
    row.put("event_type", "record-change");
    row.put(SOURCE_EVENT_ID, fields.get("id"));
    row.put("event_ts", RegistrarWebhookParser.timestamp(fields.get("ts")));
    row.put("source_system", SourceSystem.ZONE_CHANGE_LOG.wireName());
    row.put("tenant", fields.get("tenant"));
    String zone = DomainNames.normalise(fields.get("zone"));
    row.put("domain", zone);
    row.put("zone", zone);
    row.put("record_name", DomainNames.normalise(fields.get("name")));
    row.put("record_type", fields.get("type"));
    row.put("old_value", values(fields.get("old"), fields.get("type")));
    row.put("new_value", values(fields.get("new"), fields.get("type")));
    row.put("ttl_delta", ttlDelta(fields.get("ttl")));
    row.put("actor", fields.get("user"));
    row.put("actor_ip", fields.get("ip"));
    row.put("change_request_id", fields.get("cr"));
    row.put("approver", fields.get("approver"));
    row.put("registrar_account", fields.get("account"));
    row.put("confidence", 1.0);
    return row;
  }

  static Map<String, String> fields(String line) {
    Map<String, String> fields = new HashMap<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      if (i >= n) {
        break;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0) {
        throw new RejectedRecordException("field without '=' at column " + (i + 1));
      }
      String key = line.substring(i, eq);
      if (key.isEmpty() || key.contains(" ")) {
        throw new RejectedRecordException("malformed field name at column " + (i + 1));
      }
      int start = eq + 1;
      String value;
      if (start < n && line.charAt(start) == '"') {
        int close = line.indexOf('"', start + 1);
        if (close < 0) {
          throw new RejectedRecordException("unterminated quote in field '" + key + "'");
        }
        value = line.substring(start + 1, close);
        i = close + 1;
      } else {
        int end = line.indexOf(' ', start);
        end = end < 0 ? n : end;
        value = line.substring(start, end);
        i = end;
      }
      if (fields.put(key, value) != null) {
        throw new RejectedRecordException("field '" + key + "' appears twice");
      }
    }
    return fields;
  }

  /** Record values sorted and space-joined; host names (NS, CNAME, MX targets) normalised. */
  private static String values(String text, String type) {
    if (text == null || text.isEmpty() || text.equals("-")) {
      return null;
    }
    List<String> items = new ArrayList<>(Arrays.asList(text.split(",")));
    if ("NS".equals(type) || "CNAME".equals(type)) {
      items.replaceAll(DomainNames::normaliseHost);
    }
    items.sort(null);
    return String.join(" ", items);
  }

  private static Integer ttlDelta(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split("->", -1);
    try {
      return parts.length == 2 ? Integer.parseInt(parts[1]) - Integer.parseInt(parts[0]) : 0;
    } catch (NumberFormatException e) {
      throw new RejectedRecordException("ttl '" + RegistrarWebhookParser.abbreviate(text) + "' is not <old>-><new>");
    }
  }
}

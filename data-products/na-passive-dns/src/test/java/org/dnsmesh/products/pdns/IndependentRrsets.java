package org.dnsmesh.products.pdns;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The rrset history of a Zeek TSV dns.log recomputed from the file's text alone, without the product kit (no reader,
 * normaliser, ingest or merge code): the expected values of the tests. The rules restated from the contract and
 * README: copies of a transaction (same uid, addresses, ports, protocol, id, query, type, rcode and answers) within
 * 1 ms of its last sighting are dropped; a row without a query or whose lower-cased query breaks the contract's
 * pattern is quarantined; each remaining row contributes each distinct (query, rrtype, rdata) of its answers once.
 */
final class IndependentRrsets {

  private static final Pattern QUERY = Pattern.compile("\\.|[a-z0-9_*-]+(\\.[a-z0-9_*-]+)*");
  private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  /** An IPv6 literal as Zeek writes it: hex groups and colons only (a TXT answer may hold colons too). */
  private static final Pattern HEX_COLONS = Pattern.compile("[0-9a-f]*:[0-9a-f:]*:[0-9a-f.]*");

  /** Expected row: key columns as text, first/last seen, count. */
  record Expected(String rrname, String rrtype, String rdata, Instant firstSeen, Instant lastSeen, long count,
      Long minTtl, Long maxTtl) {}

  private IndependentRrsets() {}

  static Map<String, Expected> of(Path zeekTsv) throws IOException {
    List<String> lines = Files.readAllLines(zeekTsv, StandardCharsets.UTF_8);
    Map<String, Integer> at = new HashMap<>();
    Map<String, Long> lastSeenKey = new HashMap<>();
    Map<String, Expected> out = new TreeMap<>();
    for (String line : lines) {
      if (line.startsWith("#fields")) {
        String[] names = line.split("\t");
        for (int i = 1; i < names.length; i++) {
          at.put(names[i], i - 1);
        }
        continue;
      }
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      long micros = new BigDecimal(f[at.get("ts")]).movePointRight(6).longValueExact();
      String query = unset(f[at.get("query")]);
      String qtype = unset(f[at.get("qtype_name")]);
      if (qtype == null && unset(f[at.get("qtype")]) != null) {
        qtype = "TYPE" + f[at.get("qtype")];
      }
      String answersText = field(f, at, "answers");
      String ttlsText = field(f, at, "TTLs");
      String key = String.join("|", f[at.get("uid")], f[at.get("id.orig_h")], f[at.get("id.orig_p")],
          f[at.get("id.resp_h")], f[at.get("id.resp_p")], f[at.get("proto")], f[at.get("trans_id")],
          query == null ? "-" : lowerName(query), String.valueOf(qtype), f[at.get("rcode_name")], answersText);
      Long previous = lastSeenKey.put(key, micros);
      if (previous != null && Math.abs(micros - previous) <= 1_000) {
        continue; // a capture copy
      }
      if (query == null || !QUERY.matcher(lowerName(query)).matches()) {
        continue; // quarantined by the contract
      }
      String rrname = lowerName(query);
      List<String> answers = vector(answersText);
      List<String> ttls = vector(ttlsText);
      Instant ts = Instant.EPOCH.plusNanos(micros * 1_000);
      Set<String> inThisRow = new LinkedHashSet<>();
      Map<String, Long[]> ttlRange = new HashMap<>();
      for (int i = 0; i < answers.size(); i++) {
        String rdata = answer(answers.get(i));
        String rrtype = DOTTED_QUAD.matcher(rdata).matches() ? "A" : HEX_COLONS.matcher(rdata).matches() ? "AAAA"
            : "A".equals(qtype) || "AAAA".equals(qtype) ? "CNAME" : qtype == null ? "UNKNOWN" : qtype;
        String k = rrname + "\t" + rrtype + "\t" + rdata;
        inThisRow.add(k);
        Long ttl = i < ttls.size() ? Math.round(Double.parseDouble(ttls.get(i))) : null;
        Long[] range = ttlRange.computeIfAbsent(k, x -> new Long[2]);
        if (ttl != null) {
          range[0] = range[0] == null ? ttl : Math.min(range[0], ttl);
          range[1] = range[1] == null ? ttl : Math.max(range[1], ttl);
        }
      }
      for (String k : inThisRow) {
        String[] parts = k.split("\t", 3);
        Long[] range = ttlRange.get(k);
        Expected old = out.get(k);
        if (old == null) {
          out.put(k, new Expected(parts[0], parts[1], parts[2], ts, ts, 1, range[0], range[1]));
        } else {
          out.put(k, new Expected(parts[0], parts[1], parts[2], ts.isBefore(old.firstSeen()) ? ts : old.firstSeen(),
              ts.isAfter(old.lastSeen()) ? ts : old.lastSeen(), old.count() + 1, minOf(old.minTtl(), range[0]),
              maxOf(old.maxTtl(), range[1])));
        }
      }
    }
    return out;
  }

  /** Two recomputations of disjoint inputs as one: min first seen, max last seen, counts added, TTL range widened. */
  static Map<String, Expected> combine(Map<String, Expected> a, Map<String, Expected> b) {
    Map<String, Expected> out = new TreeMap<>(a);
    for (Map.Entry<String, Expected> entry : b.entrySet()) {
      Expected y = entry.getValue();
      Expected x = out.get(entry.getKey());
      out.put(entry.getKey(), x == null ? y : new Expected(x.rrname(), x.rrtype(), x.rdata(),
          x.firstSeen().isBefore(y.firstSeen()) ? x.firstSeen() : y.firstSeen(),
          x.lastSeen().isAfter(y.lastSeen()) ? x.lastSeen() : y.lastSeen(), x.count() + y.count(),
          minOf(x.minTtl(), y.minTtl()), maxOf(x.maxTtl(), y.maxTtl())));
    }
    return out;
  }

  /** The same key text for a history row. */
  static String key(Rrset r) {
    return r.rrname() + "\t" + r.rrtype() + "\t" + r.rdata();
  }

  static List<Expected> asExpected(List<Rrset> rows) {
    List<Expected> out = new ArrayList<>();
    for (Rrset r : rows) {
      out.add(new Expected(r.rrname(), r.rrtype(), r.rdata(), r.firstSeen(), r.lastSeen(), r.count(), r.minTtl(),
          r.maxTtl()));
    }
    return out;
  }

  private static String field(String[] f, Map<String, Integer> at, String name) {
    Integer i = at.get(name);
    return i == null || i >= f.length ? "-" : f[i];
  }

  private static String unset(String value) {
    return value == null || value.equals("-") ? null : value;
  }

  private static List<String> vector(String text) {
    if (text == null || text.equals("-") || text.equals("(empty)") || text.isEmpty()) {
      return List.of();
    }
    return List.of(text.split(","));
  }

  private static String lowerName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.length() > 1 && lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /** Names lower-cased without the trailing dot; addresses and text (with a space) as logged. */
  private static String answer(String rdata) {
    if (rdata.isEmpty() || Character.isDigit(rdata.charAt(0)) || rdata.contains(":") || rdata.contains(" ")) {
      return rdata;
    }
    return lowerName(rdata);
  }

  private static Long minOf(Long a, Long b) {
    return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
  }

  private static Long maxOf(Long a, Long b) {
    return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
  }
}

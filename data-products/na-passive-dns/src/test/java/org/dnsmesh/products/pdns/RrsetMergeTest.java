package org.dnsmesh.products.pdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.dnsmesh.products.support.Row;
import org.junit.jupiter.api.Test;

/**
 * Merge semantics without a table: whatever the order events arrive in and however they are cut into batches, the
 * history equals the one computed by plain loops over all events (first_seen = min, last_seen = max, count = number
 * of transactions carrying the record).
 */
class RrsetMergeTest {

  /** One generated transaction: owner, answers (rdata, rrtype, ttl) and time. */
  record Event(String name, List<String> rdata, List<String> types, List<Long> ttls, Instant ts) {
    Row row() {
      Map<String, Object> values = new HashMap<>();
      values.put("query_name", name);
      values.put("event_ts", ts);
      values.put("answers", rdata);
      values.put("answer_types", types);
      values.put("ttls", ttls);
      return new Row(values);
    }
  }

  static List<Event> events(Random random, int n) {
    List<Event> events = new ArrayList<>();
    Instant start = Instant.parse("2026-12-01T00:00:00Z");
    for (int i = 0; i < n; i++) {
      String name = "h" + random.nextInt(40) + ".example.com";
      int answers = random.nextInt(4); // 0..3, some repeated within a transaction
      List<String> rdata = new ArrayList<>();
      List<String> types = new ArrayList<>();
      List<Long> ttls = new ArrayList<>();
      for (int a = 0; a < answers; a++) {
        if (random.nextInt(5) == 0) {
          rdata.add("cdn" + random.nextInt(3) + ".example.net");
          types.add("CNAME");
        } else {
          rdata.add("192.0.2." + random.nextInt(25));
          types.add("A");
        }
        ttls.add((long) random.nextInt(3600));
      }
      events.add(new Event(name, rdata, types, ttls, start.plusMillis(random.nextInt(86_400_000))));
    }
    return events;
  }

  /** Plain loops, no Rrset.merge: the expected history as text rows. */
  static Map<String, String> expected(List<Event> events) {
    Map<String, Instant> first = new HashMap<>();
    Map<String, Instant> last = new HashMap<>();
    Map<String, Long> count = new HashMap<>();
    Map<String, Long> minTtl = new HashMap<>();
    Map<String, Long> maxTtl = new HashMap<>();
    for (Event e : events) {
      List<String> seenHere = new ArrayList<>();
      for (int i = 0; i < e.rdata().size(); i++) {
        String key = e.name() + " " + e.types().get(i) + " " + e.rdata().get(i);
        long ttl = e.ttls().get(i);
        minTtl.put(key, minTtl.containsKey(key) ? Math.min(minTtl.get(key), ttl) : ttl);
        maxTtl.put(key, maxTtl.containsKey(key) ? Math.max(maxTtl.get(key), ttl) : ttl);
        if (seenHere.contains(key)) {
          continue;
        }
        seenHere.add(key);
        count.put(key, count.getOrDefault(key, 0L) + 1);
        if (!first.containsKey(key) || e.ts().isBefore(first.get(key))) {
          first.put(key, e.ts());
        }
        if (!last.containsKey(key) || e.ts().isAfter(last.get(key))) {
          last.put(key, e.ts());
        }
      }
    }
    Map<String, String> out = new TreeMap<>();
    for (String key : count.keySet()) {
      out.put(key, first.get(key) + " " + last.get(key) + " " + count.get(key) + " " + minTtl.get(key) + " "
          + maxTtl.get(key));
    }
    return out;
  }

  static Map<String, String> text(Map<Rrset.Key, Rrset> history) {
    Map<String, String> out = new TreeMap<>();
    history.values().forEach(r -> out.put(r.rrname() + " " + r.rrtype() + " " + r.rdata(),
        r.firstSeen() + " " + r.lastSeen() + " " + r.count() + " " + r.minTtl() + " " + r.maxTtl()));
    return out;
  }

  @Test
  void anyOrderAndAnyBatchingGiveTheSameHistory() {
    for (long seed = 1; seed <= 25; seed++) {
      Random random = new Random(seed);
      List<Event> events = events(random, 2_000);
      Map<String, String> expected = expected(events);

      List<Event> shuffled = new ArrayList<>(events);
      Collections.shuffle(shuffled, random); // out of order: later events before earlier ones
      List<Map<Rrset.Key, Rrset>> batches = new ArrayList<>();
      for (int from = 0; from < shuffled.size();) {
        int to = Math.min(shuffled.size(), from + 1 + random.nextInt(300));
        batches.add(RrsetObservations.of(shuffled.subList(from, to).stream().map(Event::row).toList()));
        from = to;
      }
      Collections.shuffle(batches, random); // batches merged in any order
      Map<Rrset.Key, Rrset> history = new LinkedHashMap<>();
      for (Map<Rrset.Key, Rrset> batch : batches) {
        batch.values().forEach(r -> history.merge(r.key(), r, Rrset::merge));
      }
      assertThat(text(history)).as("seed " + seed).isEqualTo(expected);
    }
  }

  @Test
  void aRecordRepeatedInOneTransactionCountsOnceButWidensItsTtlRange() {
    Instant ts = Instant.parse("2026-12-07T10:00:00Z");
    Event event = new Event("www.example.org", List.of("192.0.2.1", "192.0.2.1"), List.of("A", "A"),
        List.of(60L, 300L), ts);
    Map<Rrset.Key, Rrset> history = RrsetObservations.of(List.of(event.row()));
    assertThat(history.values()).containsExactly(
        new Rrset("www.example.org", "A", "192.0.2.1", ts, ts, 1, 60L, 300L));
  }

  @Test
  void transactionsWithoutAnswersOrQueryAddNothing() {
    Map<String, Object> noQuery = new HashMap<>(new Event("x", List.of("192.0.2.1"), List.of("A"), List.of(1L),
        Instant.EPOCH).row().values());
    noQuery.put("query_name", null);
    assertThat(RrsetObservations.of(List.of(new Row(noQuery),
        new Event("nx.example.com", List.of(), List.of(), List.of(), Instant.EPOCH).row()))).isEmpty();
  }

  @Test
  void mergeIsOnlyDefinedForOneKey() {
    Rrset a = Rrset.seen("a.example", "A", "192.0.2.1", Instant.EPOCH, null);
    Rrset b = Rrset.seen("a.example", "A", "192.0.2.2", Instant.EPOCH, null);
    assertThatThrownBy(() -> a.merge(b)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ttlsMissingFromTheLogLeaveTheRangeOpen() {
    Rrset a = Rrset.seen("a.example", "A", "192.0.2.1", Instant.EPOCH, null);
    Rrset b = Rrset.seen("a.example", "A", "192.0.2.1", Instant.EPOCH.plusSeconds(5), 30L);
    assertThat(a.merge(b)).isEqualTo(new Rrset("a.example", "A", "192.0.2.1", Instant.EPOCH,
        Instant.EPOCH.plusSeconds(5), 2, 30L, 30L));
  }
}

package org.dnsmesh.products.pdns;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dnsmesh.products.support.Row;

/**
 * The records a batch of answer rows ({@code passive_dns_answers}) carries, aggregated by key: one observation per
 * (transaction, record), owner = the transaction's {@code query_name}. A record repeated within one transaction's
 * answers counts once for it (its TTLs still widen the range). Rows without a query name or answers add nothing.
 */
public final class RrsetObservations {

  private RrsetObservations() {}

  public static Map<Rrset.Key, Rrset> of(Iterable<Row> rows) {
    Map<Rrset.Key, Rrset> out = new HashMap<>();
    add(rows, out);
    return out;
  }

  /** Adds {@code rows}' observations into {@code into}. */
  public static void add(Iterable<Row> rows, Map<Rrset.Key, Rrset> into) {
    Map<Rrset.Key, Rrset> event = new HashMap<>();
    for (Row row : rows) {
      String rrname = row.string("query_name");
      List<?> answers = list(row, "answers");
      if (rrname == null || answers.isEmpty()) {
        continue;
      }
      List<?> types = list(row, "answer_types");
      List<?> ttls = list(row, "ttls");
      java.time.Instant ts = row.instant("event_ts");
      event.clear();
      for (int i = 0; i < answers.size(); i++) {
        Object rdata = answers.get(i);
        if (rdata == null || rdata.toString().isEmpty()) {
          continue;
        }
        String rrtype = i < types.size() && types.get(i) != null ? types.get(i).toString() : "UNKNOWN";
        Long ttl = i < ttls.size() && ttls.get(i) instanceof Number n ? n.longValue() : null;
        Rrset seen = Rrset.seen(rrname, rrtype, rdata.toString(), ts, ttl);
        // the same record twice in one transaction is one observation: keep count 1, widen the TTL range
        event.merge(seen.key(), seen, (a, b) -> new Rrset(a.rrname(), a.rrtype(), a.rdata(), a.firstSeen(),
            a.lastSeen(), 1, a.merge(b).minTtl(), a.merge(b).maxTtl()));
      }
      event.values().forEach(r -> into.merge(r.key(), r, Rrset::merge));
    }
  }

  private static List<?> list(Row row, String column) {
    return row.values().get(column) instanceof List<?> list ? list : List.of();
  }
}

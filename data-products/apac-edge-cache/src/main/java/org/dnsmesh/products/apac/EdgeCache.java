package org.dnsmesh.products.apac;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dnsmesh.productkit.normalize.DnsEvent;

/**
 * A per-PoP DNS cache model that decides {@code cache_hit} for each event in time order. An entry is keyed by
 * (PoP, query name, qtype); a query is a hit when a fresh entry exists, otherwise a miss that fills the cache:
 * NOERROR answers for their smallest TTL (300 s when there is none), NXDOMAIN for {@link #NEGATIVE_TTL} (RFC 2308
 * negative caching), SERVFAIL and other errors are never cached.
 */
public final class EdgeCache {

  public static final Duration DEFAULT_TTL = Duration.ofSeconds(300);
  public static final Duration NEGATIVE_TTL = Duration.ofSeconds(60);

  private final Map<String, Instant> expiries = new HashMap<>();

  public boolean lookup(String pop, DnsEvent event) {
    String key = pop + '|' + event.queryName() + '|' + event.qtype();
    Instant now = event.eventTs();
    Instant expiry = expiries.get(key);
    if (expiry != null && now.isBefore(expiry)) {
      return true;
    }
    Duration ttl = ttl(event);
    if (ttl == null) {
      expiries.remove(key);
    } else {
      expiries.put(key, now.plus(ttl));
    }
    return false;
  }

  private static Duration ttl(DnsEvent event) {
    String rcode = event.rcode();
    if ("NOERROR".equals(rcode)) {
      List<Long> ttls = event.ttlsSeconds();
      return ttls.isEmpty() ? DEFAULT_TTL : Duration.ofSeconds(ttls.stream().mapToLong(Long::longValue).min().orElse(0));
    }
    return "NXDOMAIN".equals(rcode) ? NEGATIVE_TTL : null;
  }
}

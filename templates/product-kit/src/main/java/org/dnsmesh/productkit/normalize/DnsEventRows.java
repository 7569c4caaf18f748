package org.dnsmesh.productkit.normalize;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link DnsEvent} as a row of snake_case columns, the names contracts and tables use. Raw identifiers
 * ({@code client_ip}) are still present: a {@link org.dnsmesh.productkit.pseudonymize.PrivacyPolicy} comes next.
 */
public final class DnsEventRows {

  private DnsEventRows() {}

  public static Map<String, Object> toRow(DnsEvent event) {
    Map<String, Object> row = new LinkedHashMap<>(32);
    row.put("event_id", event.eventId());
    row.put("event_ts", event.eventTs());
    row.put("source_uid", event.sourceUid());
    row.put("client_ip", event.clientIp());
    row.put("client_port", event.clientPort());
    row.put("server_ip", event.serverIp());
    row.put("server_port", event.serverPort());
    row.put("protocol", event.protocol());
    row.put("transaction_id", event.transactionId());
    row.put("query_name", event.queryName());
    row.put("query_name_unicode", event.queryNameUnicode());
    row.put("tld", event.tld());
    row.put("public_suffix", event.publicSuffix());
    row.put("registrable_domain", event.registrableDomain());
    row.put("qtype", event.qtype());
    row.put("rcode", event.rcode());
    row.put("latency_ms", event.latencyMs());
    row.put("answers", event.answers());
    row.put("ttls", event.ttlsSeconds());
    row.put("aa", event.authoritative());
    row.put("tc", event.truncated());
    row.put("rd", event.recursionDesired());
    row.put("ra", event.recursionAvailable());
    row.put("rejected", event.rejected());
    return row;
  }
}

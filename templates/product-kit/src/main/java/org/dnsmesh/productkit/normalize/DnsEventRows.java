package org.dnsmesh.productkit.normalize;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link DnsEvent} as a row of snake_case columns, the names contracts and tables use. Raw identifiers
 * ({@code client_ip}) are still present: a {@link org.dnsmesh.productkit.pseudonymize.PrivacyPolicy} comes next.
 */
public final class DnsEventRows {

  /** Every column, in row order, with how to read it from an event. */
  public static final Map<String, Function<DnsEvent, Object>> COLUMNS = columns();

  private DnsEventRows() {}

  public static Map<String, Object> toRow(DnsEvent event) {
    Map<String, Object> row = new LinkedHashMap<>(32);
    COLUMNS.forEach((name, read) -> row.put(name, read.apply(event)));
    return row;
  }

  private static Map<String, Function<DnsEvent, Object>> columns() {
    Map<String, Function<DnsEvent, Object>> columns = new LinkedHashMap<>();
    columns.put("event_id", DnsEvent::eventId);
    columns.put("event_ts", DnsEvent::eventTs);
    columns.put("source_uid", DnsEvent::sourceUid);
    columns.put("client_ip", DnsEvent::clientIp);
    columns.put("client_port", DnsEvent::clientPort);
    columns.put("server_ip", DnsEvent::serverIp);
    columns.put("server_port", DnsEvent::serverPort);
    columns.put("protocol", DnsEvent::protocol);
    columns.put("transaction_id", DnsEvent::transactionId);
    columns.put("query_name", DnsEvent::queryName);
    columns.put("query_name_unicode", DnsEvent::queryNameUnicode);
    columns.put("tld", DnsEvent::tld);
    columns.put("public_suffix", DnsEvent::publicSuffix);
    columns.put("registrable_domain", DnsEvent::registrableDomain);
    columns.put("qtype", DnsEvent::qtype);
    columns.put("rcode", DnsEvent::rcode);
    columns.put("latency_ms", DnsEvent::latencyMs);
    columns.put("answers", DnsEvent::answers);
    columns.put("ttls", DnsEvent::ttlsSeconds);
    columns.put("aa", DnsEvent::authoritative);
    columns.put("tc", DnsEvent::truncated);
    columns.put("rd", DnsEvent::recursionDesired);
    columns.put("ra", DnsEvent::recursionAvailable);
    columns.put("rejected", DnsEvent::rejected);
    return java.util.Collections.unmodifiableMap(columns);
  }
}

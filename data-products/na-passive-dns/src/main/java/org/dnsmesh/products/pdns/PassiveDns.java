package org.dnsmesh.products.pdns;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dnsmesh.productkit.normalize.DnsEvent;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.source.ZeekDnsLogReader;
import org.dnsmesh.products.support.EventTransform;
import org.dnsmesh.products.support.ProductContract;

/**
 * The {@code na-passive-dns} product: Zeek dns.log from the NA resolver taps -> answer events with their rdata, TTLs
 * and rrtypes ({@code na.passive_dns_answers}) -> the rrset history ({@code na.rrset_history}, {@link RrsetHistory}),
 * merged incrementally.
 */
public final class PassiveDns {

  public static final String CONTRACT = "datacontract.yaml";
  public static final String OBJECT = "passive_dns_answers";
  public static final String RRSET_OBJECT = "rrset_history";

  private PassiveDns() {}

  /** The contract bound to the answers table (topic, layout, privacy, validation). */
  public static ProductContract contract() {
    return ProductContract.fromResource(PassiveDns.class, CONTRACT, OBJECT);
  }

  /** The same contract bound to the rrset history (schema and layout of {@code na.rrset_history}). */
  public static ProductContract rrsetContract() {
    return ProductContract.fromResource(PassiveDns.class, CONTRACT, RRSET_OBJECT);
  }

  /** Source adapter: a Zeek dns.log (TSV with {@code #fields} header, or JSON lines) from the resolver taps. */
  public static DnsEventSource source(Path zeekDnsLog) throws IOException {
    return ZeekDnsLogReader.open(zeekDnsLog);
  }

  /** The product's transform: the rrtype of each answer ({@code answer_types}); answers and TTLs are the kit's. */
  public static EventTransform transform() {
    return PassiveDns::addColumns;
  }

  private static Map<String, Object> addColumns(DnsEvent event, Map<String, Object> row) {
    List<String> types = new ArrayList<>(event.answers().size());
    for (String answer : event.answers()) {
      types.add(AnswerTypes.of(answer, event.qtype()));
    }
    row.put("answer_types", types);
    return row;
  }
}

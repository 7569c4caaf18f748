package org.dnsmesh.products.na;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.dnsmesh.productkit.normalize.DnsEvent;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.source.ZeekDnsLogReader;
import org.dnsmesh.products.support.EventTransform;
import org.dnsmesh.products.support.ProductContract;

/**
 * The {@code na-resolver-queries} product: Zeek dns.log from the NA recursive resolvers -> pseudonymised query
 * events ({@code na.resolver_queries}) -> derived {@link NxdomainTopGenerators}, {@link OutlierClients} and the
 * daily summary ({@link #RESOLVER_COLUMN}).
 */
public final class NaResolverQueries {

  public static final String CONTRACT = "datacontract.yaml";
  public static final String OBJECT = "resolver_queries";
  /** Column {@code dns_daily_summary} counts distinct values of as {@code unique_resolvers}. */
  public static final String RESOLVER_COLUMN = "server_ip";

  private NaResolverQueries() {}

  public static ProductContract contract() {
    return ProductContract.fromResource(NaResolverQueries.class, CONTRACT, OBJECT);
  }

  /** Source adapter: a Zeek dns.log (TSV with {@code #fields} header, or JSON lines) from the resolver taps. */
  public static DnsEventSource source(Path zeekDnsLog) throws IOException {
    return ZeekDnsLogReader.open(zeekDnsLog);
  }

  /** The product's transform: the number of answer records, which the contract carries as {@code answer_count}. */
  public static EventTransform transform() {
    return NaResolverQueries::addColumns;
  }

  private static Map<String, Object> addColumns(DnsEvent event, Map<String, Object> row) {
    row.put("answer_count", event.answers().size());
    return row;
  }
}

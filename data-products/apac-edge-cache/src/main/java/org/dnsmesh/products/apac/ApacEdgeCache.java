package org.dnsmesh.products.apac;

import java.util.Map;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.source.SyntheticDnsGenerator;
import org.dnsmesh.productkit.source.SyntheticProfile;
import org.dnsmesh.products.support.EventTransform;
import org.dnsmesh.products.support.ProductContract;

/**
 * The {@code apac-edge-cache} product: queries answered at the APAC edge PoPs ({@code apac.edge_events}) -> derived
 * {@link CacheHitRatio} and the daily summary ({@link #RESOLVER_COLUMN}). Source: the kit's synthetic generator.
 */
public final class ApacEdgeCache {

  public static final String CONTRACT = "datacontract.yaml";
  public static final String OBJECT = "edge_events";
  /** The edge caches serve resolvers: {@code unique_resolvers} counts distinct pseudonymised clients. */
  public static final String RESOLVER_COLUMN = "client_id";

  private ApacEdgeCache() {}

  public static ProductContract contract() {
    return ProductContract.fromResource(ApacEdgeCache.class, CONTRACT, OBJECT);
  }

  /** Source adapter: synthetic traffic with 10 edge nodes (spread over the PoPs) and a Zipf name popularity. */
  public static DnsEventSource source(long events, long seed) {
    SyntheticProfile base = SyntheticProfile.resolverDefaults(events, seed);
    return new SyntheticDnsGenerator(new SyntheticProfile(base.start(), events, base.eventsPerSecond(),
        base.diurnalAmplitude(), 1_000, 10, 2_000, 1.1, base.nxdomainRate(), base.burstsPerMillion(),
        base.burstLength(), seed));
  }

  /**
   * The product's transform (stateful: one instance per ordered stream): {@code pop} from the node directory,
   * {@code cache_hit} from the {@link EdgeCache} model, {@code answer_count} = answer records.
   */
  public static EventTransform transform(PopDirectory pops) {
    EdgeCache cache = new EdgeCache();
    return (event, row) -> {
      String pop = pops.pop(event.serverIp());
      row.put("pop", pop);
      row.put("cache_hit", cache.lookup(pop, event));
      row.put("answer_count", event.answers().size());
      return row;
    };
  }

  public static PopDirectory defaultPops() {
    return new PopDirectory(Map.of());
  }
}

package org.dnsmesh.products.eu;

import java.util.Map;
import org.dnsmesh.productkit.normalize.DnsEvent;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.source.SyntheticDnsGenerator;
import org.dnsmesh.productkit.source.SyntheticProfile;
import org.dnsmesh.products.support.EventTransform;
import org.dnsmesh.products.support.ProductContract;

/**
 * The {@code eu-authoritative} product: responses of the EU authoritative servers ({@code eu.authoritative_responses})
 * -> derived {@link LatencyByZone} and {@link DnssecSignedRate}. The source is the kit's synthetic generator until
 * the anycast taps are connected (any {@link DnsEventSource}, e.g. a Zeek log, plugs in the same way).
 */
public final class EuAuthoritative {

  public static final String CONTRACT = "datacontract.yaml";
  public static final String OBJECT = "authoritative_responses";

  private EuAuthoritative() {}

  public static ProductContract contract() {
    return ProductContract.fromResource(EuAuthoritative.class, CONTRACT, OBJECT);
  }

  /** Source adapter: synthetic traffic shaped like an authoritative server's (few hundred resolvers as clients). */
  public static DnsEventSource source(long events, long seed) {
    SyntheticProfile base = SyntheticProfile.resolverDefaults(events, seed);
    return new SyntheticDnsGenerator(new SyntheticProfile(base.start(), events, base.eventsPerSecond(),
        base.diurnalAmplitude(), 300, 4, 5_000, base.zipfExponent(), base.nxdomainRate(), base.burstsPerMillion(),
        base.burstLength(), seed));
  }

  /**
   * The product's transform: {@code zone} = registrable domain (the name itself when the PSL names none),
   * {@code dnssec_signed} = zone signed and the answer NOERROR or NXDOMAIN (those carry RRSIG/NSEC signatures),
   * {@code aa} = true (every answer of these servers is authoritative).
   */
  public static EventTransform transform(SignedZones signedZones) {
    return (event, row) -> addColumns(signedZones, event, row);
  }

  private static Map<String, Object> addColumns(SignedZones signedZones, DnsEvent event, Map<String, Object> row) {
    String zone = event.registrableDomain() != null ? event.registrableDomain() : event.queryName();
    row.put("zone", zone);
    boolean signable = "NOERROR".equals(event.rcode()) || "NXDOMAIN".equals(event.rcode());
    row.put("dnssec_signed", signable && signedZones.isSigned(zone));
    row.put("aa", Boolean.TRUE);
    return row;
  }
}

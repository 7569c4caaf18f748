package org.dnsmesh.productkit.source;

import java.time.Instant;
import java.util.Objects;

/**
 * Shape of the synthetic DNS traffic. The defaults resemble a regional recursive resolver: query names follow a
 * Zipf law, a few clients dominate, ~2% NXDOMAIN at baseline plus occasional bursts of random-label queries from one
 * client (malware/DGA-like), and a daily rate cycle peaking mid-afternoon UTC.
 *
 * @param start timestamp of the first event
 * @param events how many events {@link SyntheticDnsGenerator#readAll} produces
 * @param eventsPerSecond mean rate over a day
 * @param diurnalAmplitude 0 = flat rate, 0.6 = peak 1.6x and trough 0.4x the mean
 * @param clients size of the client population (Zipf-weighted activity)
 * @param resolvers number of resolver addresses answering
 * @param names size of the query-name vocabulary
 * @param zipfExponent skew of query-name and client popularity (1.0 is classic Zipf)
 * @param nxdomainRate share of ordinary queries answered NXDOMAIN
 * @param burstsPerMillion expected NXDOMAIN bursts started per million events
 * @param burstLength queries in one burst
 * @param seed same seed and profile = the same events, byte for byte
 */
public record SyntheticProfile(
    Instant start,
    long events,
    double eventsPerSecond,
    double diurnalAmplitude,
    int clients,
    int resolvers,
    int names,
    double zipfExponent,
    double nxdomainRate,
    double burstsPerMillion,
    int burstLength,
    long seed) {

  public SyntheticProfile {
    Objects.requireNonNull(start, "start");
    if (events < 0 || eventsPerSecond <= 0 || clients < 1 || resolvers < 1 || names < 1 || burstLength < 1) {
      throw new IllegalArgumentException("synthetic profile needs events >= 0 and positive rate, populations, burst length");
    }
    if (diurnalAmplitude < 0 || diurnalAmplitude >= 1 || nxdomainRate < 0 || nxdomainRate > 1) {
      throw new IllegalArgumentException("diurnalAmplitude must be in [0,1) and nxdomainRate in [0,1]");
    }
  }

  /** A resolver-like default: 2,000 clients, 8 resolvers, 50,000 names, 200 events/s. */
  public static SyntheticProfile resolverDefaults(long events, long seed) {
    return new SyntheticProfile(Instant.parse("2026-01-05T00:00:00Z"), events, 200.0, 0.6, 2_000, 8, 50_000, 1.0,
        0.02, 50.0, 200, seed);
  }

  public SyntheticProfile withEvents(long newEvents) {
    return new SyntheticProfile(start, newEvents, eventsPerSecond, diurnalAmplitude, clients, resolvers, names,
        zipfExponent, nxdomainRate, burstsPerMillion, burstLength, seed);
  }
}

package org.dnsmesh.productkit.normalize;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.dnsmesh.productkit.source.SourcePosition;

/**
 * A normalised DNS event: names lowercased, without trailing dot and in A-label form; codes as names; latency in
 * milliseconds and TTLs in whole seconds. Identifiers (client IP) are still raw here: the pseudonymisation step
 * decides what leaves the process.
 *
 * @param eventId stable identity (see {@link EventIds}); replaying the same source yields the same ids
 * @param queryName A-label form, {@code "."} for the root; {@code null} when the source had no query
 * @param queryNameUnicode U-label form, only when asked for and different from {@code queryName}
 * @param tld the last label ({@code "uk"} for {@code a.co.uk})
 * @param publicSuffix the Public Suffix List entry ({@code "co.uk"}), {@code null} when none applies
 * @param registrableDomain the PSL registrable domain ({@code "a.co.uk"}), {@code null} when none applies
 * @param nameValid false when the name is not a valid IDNA host name (kept lowercased, for validation to judge)
 */
public record DnsEvent(
    String eventId,
    Instant eventTs,
    String sourceUid,
    String clientIp,
    Integer clientPort,
    String serverIp,
    Integer serverPort,
    String protocol,
    Integer transactionId,
    String queryName,
    String queryNameUnicode,
    String tld,
    String publicSuffix,
    String registrableDomain,
    boolean nameValid,
    String qtype,
    String rcode,
    Double latencyMs,
    List<String> answers,
    List<Long> ttlsSeconds,
    Boolean authoritative,
    Boolean truncated,
    Boolean recursionDesired,
    Boolean recursionAvailable,
    Boolean rejected,
    SourcePosition position) {

  public DnsEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventTs, "eventTs");
    Objects.requireNonNull(position, "position");
    answers = answers == null ? List.of() : List.copyOf(answers);
    ttlsSeconds = ttlsSeconds == null ? List.of() : List.copyOf(ttlsSeconds);
  }
}

package org.dnsmesh.productkit.source;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One DNS transaction as a source saw it, before normalisation. Field names follow Zeek's dns.log; every
 * field a source may leave unset is nullable, except the timestamp and where it came from.
 *
 * @param source the source text of this event (one log line), kept so a rejected record can be quarantined
 *     exactly as it arrived (see {@link #original()})
 */
public record RawDnsEvent(
    Instant timestamp,
    String uid,
    String clientIp,
    Integer clientPort,
    String serverIp,
    Integer serverPort,
    String protocol,
    Integer transactionId,
    Double rttSeconds,
    String query,
    Integer qtype,
    String qtypeName,
    Integer rcode,
    String rcodeName,
    Boolean authoritative,
    Boolean truncated,
    Boolean recursionDesired,
    Boolean recursionAvailable,
    List<String> answers,
    List<Double> ttlsSeconds,
    Boolean rejected,
    SourcePosition position,
    SourceText source) {

  public RawDnsEvent {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(source, "source");
    answers = answers == null ? List.of() : List.copyOf(answers);
    ttlsSeconds = ttlsSeconds == null ? List.of() : List.copyOf(ttlsSeconds);
  }

  /** The source text (one log line), rendered now if the source had none. */
  public String original() {
    return source.text();
  }
}

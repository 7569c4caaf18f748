package org.dnsmesh.productkit.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dnsmesh.productkit.source.RawDnsEvent;

/**
 * Turns a {@link RawDnsEvent} into a {@link DnsEvent}: names through {@link DnsNames}, codes through
 * {@link DnsCodes}, RTT seconds to latency milliseconds, TTL seconds rounded to whole seconds, and the ids from
 * {@link EventIds}. Pure apart from the name cache: the same raw event always gives the same normalised event.
 */
public final class DnsNormalizer {

  private final DnsNames names = new DnsNames();
  private final UnicodeNames unicodeNames;

  public DnsNormalizer(UnicodeNames unicodeNames) {
    this.unicodeNames = Objects.requireNonNull(unicodeNames, "unicodeNames");
  }

  /** Normalised event together with its transaction key (for duplicate detection). */
  public record Normalized(DnsEvent event, String transactionKey) {}

  public DnsEvent normalize(RawDnsEvent raw) {
    return normalizeWithKey(raw).event();
  }

  public Normalized normalizeWithKey(RawDnsEvent raw) {
    DnsName name = names.normalize(raw.query());
    String qtype = DnsCodes.qtypeName(raw.qtype(), raw.qtypeName());
    String rcode = DnsCodes.rcodeName(raw.rcode(), raw.rcodeName());
    List<String> answers = new ArrayList<>(raw.answers().size());
    for (String answer : raw.answers()) {
      answers.add(normalizeAnswer(answer));
    }
    List<Long> ttls = new ArrayList<>(raw.ttlsSeconds().size());
    for (Double ttl : raw.ttlsSeconds()) {
      ttls.add(Math.round(ttl));
    }
    String protocol = raw.protocol() == null ? null : raw.protocol().toLowerCase(java.util.Locale.ROOT);
    String queryName = name == null ? null : name.asciiName();
    String key = EventIds.transactionKey(raw.uid(), raw.clientIp(), raw.clientPort(), raw.serverIp(),
        raw.serverPort(), protocol, raw.transactionId(), queryName, qtype, rcode, answers);
    DnsEvent event = new DnsEvent(
        EventIds.eventId(key, raw.timestamp()),
        raw.timestamp(),
        raw.uid(),
        raw.clientIp(),
        raw.clientPort(),
        raw.serverIp(),
        raw.serverPort(),
        protocol,
        raw.transactionId(),
        queryName,
        name == null || unicodeNames == UnicodeNames.DROP ? null : name.unicodeName(),
        name == null ? null : name.tld(),
        name == null ? null : name.publicSuffix(),
        name == null ? null : name.registrableDomain(),
        name == null || name.valid(),
        qtype,
        rcode,
        raw.rttSeconds() == null ? null : raw.rttSeconds() * 1000.0,
        answers,
        ttls,
        raw.authoritative(),
        raw.truncated(),
        raw.recursionDesired(),
        raw.recursionAvailable(),
        raw.rejected(),
        raw.position());
    return new Normalized(event, key);
  }

  /** Answers that are names get the same lowercase/trailing-dot treatment; addresses and other data stay as given. */
  private String normalizeAnswer(String answer) {
    if (answer.isEmpty() || Character.isDigit(answer.charAt(0)) || answer.indexOf(':') >= 0 || answer.indexOf(' ') >= 0) {
      return answer;
    }
    DnsName name = names.normalize(answer);
    return name.valid() ? name.asciiName() : answer;
  }
}

package org.dnsmesh.productkit.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dnsmesh.productkit.SharedData;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.source.RawDnsEvent;
import org.dnsmesh.productkit.source.SourcePosition;
import org.dnsmesh.productkit.source.SourceText;
import org.dnsmesh.productkit.source.UnparsedRecord;
import org.dnsmesh.productkit.source.ZeekDnsLogReader;
import org.junit.jupiter.api.Test;

class DnsNormalizerTest {

  static RawDnsEvent raw(Instant ts, double rtt) {
    return new RawDnsEvent(ts, "C1", "10.0.0.1", 5353, "10.0.0.53", 53, "UDP", 7, rtt, "Mail.Example.ORG.", 15, null,
        3, null, false, false, true, true, List.of("MX1.Example.org."), List.of(299.6), false,
        new SourcePosition("t", 1), SourceText.of("line"));
  }

  @Test
  void normalisesNamesCodesAndUnits() {
    DnsEvent event = new DnsNormalizer(UnicodeNames.DROP).normalize(raw(Instant.parse("2026-01-01T00:00:00Z"), 0.0125));
    assertThat(event.queryName()).isEqualTo("mail.example.org");
    assertThat(event.registrableDomain()).isEqualTo("example.org");
    assertThat(event.qtype()).isEqualTo("MX");
    assertThat(event.rcode()).isEqualTo("NXDOMAIN");
    assertThat(event.protocol()).isEqualTo("udp");
    assertThat(event.latencyMs()).isEqualTo(12.5);
    assertThat(event.ttlsSeconds()).containsExactly(300L);
    assertThat(event.answers()).containsExactly("mx1.example.org");
    assertThat(event.eventId()).hasSize(32);
  }

  @Test
  void eventIdIsStableAndTimingSensitive() {
    DnsNormalizer normalizer = new DnsNormalizer(UnicodeNames.DROP);
    Instant ts = Instant.parse("2026-01-01T00:00:00.000001Z");
    DnsNormalizer.Normalized a = normalizer.normalizeWithKey(raw(ts, 0.01));
    DnsNormalizer.Normalized b = new DnsNormalizer(UnicodeNames.KEEP).normalizeWithKey(raw(ts, 0.02));
    DnsNormalizer.Normalized later = normalizer.normalizeWithKey(raw(ts.plusMillis(1500), 0.01));
    assertThat(a.event().eventId()).isEqualTo(b.event().eventId());
    assertThat(a.transactionKey()).isEqualTo(later.transactionKey());
    assertThat(a.event().eventId()).isNotEqualTo(later.event().eventId());
  }

  @Test
  void captureCopiesAreDroppedButRetransmissionsKept() {
    CaptureDuplicateFilter filter = CaptureDuplicateFilter.oneMillisecond();
    Instant ts = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(filter.isDuplicate("k", ts)).isFalse();
    assertThat(filter.isDuplicate("k", ts.plusNanos(1_000))).isTrue();
    assertThat(filter.isDuplicate("k", ts.plusSeconds(2))).isFalse();
    assertThat(filter.isDuplicate("other", ts)).isFalse();
    assertThat(filter.duplicates()).isEqualTo(1);
  }

  @Test
  void realWrccdcLogDeduplicatesToDistinctTransactions() throws IOException {
    Path file = SharedData.require(SharedData.WRCCDC_ZEEK_DNS);
    DnsNormalizer normalizer = new DnsNormalizer(UnicodeNames.KEEP);
    CaptureDuplicateFilter filter = CaptureDuplicateFilter.oneMillisecond();
    Set<String> ids = new HashSet<>();
    Set<String> registrable = new HashSet<>();
    long[] invalidNames = {0};
    ZeekDnsLogReader.open(file).readAll(new DnsEventSource.Sink() {
      @Override
      public void event(RawDnsEvent event) {
        DnsNormalizer.Normalized n = normalizer.normalizeWithKey(event);
        if (!filter.isDuplicate(n.transactionKey(), n.event().eventTs())) {
          ids.add(n.event().eventId());
          if (n.event().registrableDomain() != null) {
            registrable.add(n.event().registrableDomain());
          }
          if (!n.event().nameValid()) {
            invalidNames[0]++;
          }
        }
      }

      @Override
      public void unparsed(UnparsedRecord record) {
        throw new AssertionError(record);
      }
    });
    assertThat(filter.duplicates()).isEqualTo(26_795);
    assertThat(ids).hasSize(26_820);
    assertThat(invalidNames[0]).isEqualTo(11);
    assertThat(registrable).hasSize(718);
    System.out.printf("WRCCDC: 53615 rows -> %d events, %d registrable domains, %d invalid names%n", ids.size(),
        registrable.size(), invalidNames[0]);
  }
}

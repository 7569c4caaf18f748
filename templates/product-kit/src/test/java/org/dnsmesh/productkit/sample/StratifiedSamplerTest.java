package org.dnsmesh.productkit.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StratifiedSamplerTest {

  private static StratifiedSampler sampler(String salt) {
    return new StratifiedSampler(0.1, "event_id", "sample_rate", salt, List.of("tld", "rcode"),
        List.of(new StratifiedSampler.StratumRate(Map.of("tld", "arpa"), 0.01)),
        Map.of("rcode", Set.of("NXDOMAIN", "SERVFAIL"), "qtype", Set.of("ANY", "TXT")));
  }

  private static Map<String, Object> row(int i, String tld, String rcode, String qtype) {
    Map<String, Object> row = new HashMap<>();
    row.put("event_id", String.format("%032x", i * 2_654_435_761L));
    row.put("tld", tld);
    row.put("rcode", rcode);
    row.put("qtype", qtype);
    return row;
  }

  @Test
  void rateOfRowFollowsKeepAllThenStratumRateThenDefault() {
    StratifiedSampler sampler = sampler("s");
    assertThat(sampler.rateOf(row(1, "com", "NOERROR", "A"))).isEqualTo(0.1);
    assertThat(sampler.rateOf(row(1, "arpa", "NOERROR", "PTR"))).isEqualTo(0.01);
    // keep-all wins over a stratum rate: an NXDOMAIN under arpa is still security-relevant
    assertThat(sampler.rateOf(row(1, "arpa", "NXDOMAIN", "PTR"))).isEqualTo(1.0);
    assertThat(sampler.rateOf(row(1, "com", "SERVFAIL", "A"))).isEqualTo(1.0);
    assertThat(sampler.rateOf(row(1, "com", "NOERROR", "TXT"))).isEqualTo(1.0);
    assertThat(sampler.rateOf(row(1, null, null, null))).isEqualTo(0.1);
    assertThat(sampler.stratum(row(1, "com", null, "A"))).containsExactly("com", null);
  }

  @Test
  void keepAllRowsAreNeverSampledOut() {
    StratifiedSampler sampler = sampler("s");
    for (int i = 0; i < 20_000; i++) {
      assertThat(sampler.decide(row(i, "com", i % 2 == 0 ? "NXDOMAIN" : "SERVFAIL", "A"))).hasValue(1.0);
      assertThat(sampler.decide(row(i, "org", "NOERROR", "ANY"))).hasValue(1.0);
    }
  }

  @Test
  void rowWithoutKeyIsKeptWholeRatherThanLost() {
    Map<String, Object> row = row(1, "com", "NOERROR", "A");
    row.remove("event_id");
    assertThat(sampler("s").decide(row)).hasValue(1.0);
  }

  @Test
  void decisionIsAPureFunctionOfKeyAndStratumRate() {
    StratifiedSampler first = sampler("s");
    StratifiedSampler second = sampler("s"); // a restarted pipeline: new instance, same contract
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      Map<String, Object> row = row(i, "com", "NOERROR", "A");
      boolean keeps = first.decide(row).isPresent();
      assertThat(first.decide(row).isPresent()).isEqualTo(keeps);
      assertThat(second.decide(row).isPresent()).isEqualTo(keeps);
      // columns outside the rules do not move the decision (a replay may differ in latency, say)
      Map<String, Object> other = new HashMap<>(row);
      other.put("latency_ms", 12.5);
      other.put("query_name", "x" + i + ".com");
      assertThat(second.decide(other).isPresent()).isEqualTo(keeps);
      if (keeps) {
        kept.add(i);
      }
    }
    // nested samples: a row kept at 1 % under arpa is also kept at 10 % elsewhere (same hash, lower bar)
    for (int i = 0; i < 50_000; i++) {
      if (first.decide(row(i, "arpa", "NOERROR", "PTR")).isPresent()) {
        assertThat(kept).contains(i);
      }
    }
  }

  @Test
  void keptShareMatchesTheRateWithinFourStandardErrors() {
    StratifiedSampler sampler = sampler("s");
    int n = 200_000;
    long keptDefault = 0;
    long keptArpa = 0;
    for (int i = 0; i < n; i++) {
      keptDefault += sampler.decide(row(i, "com", "NOERROR", "A")).isPresent() ? 1 : 0;
      keptArpa += sampler.decide(row(i, "arpa", "NOERROR", "PTR")).isPresent() ? 1 : 0;
    }
    assertThat((double) keptDefault).isCloseTo(n * 0.1, org.assertj.core.data.Offset.offset(4 * Math.sqrt(n * 0.1 * 0.9)));
    assertThat((double) keptArpa).isCloseTo(n * 0.01, org.assertj.core.data.Offset.offset(4 * Math.sqrt(n * 0.01 * 0.99)));
  }

  @Test
  void anotherSaltDrawsAnIndependentSample() {
    StratifiedSampler a = sampler("a");
    StratifiedSampler b = sampler("b");
    Set<Integer> keptA = new HashSet<>();
    int both = 0;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      Map<String, Object> row = row(i, "com", "NOERROR", "A");
      boolean inA = a.decide(row).isPresent();
      if (inA) {
        keptA.add(i);
      }
      if (inA && b.decide(row).isPresent()) {
        both++;
      }
    }
    // independent draws overlap in p^2 = 1 % of rows; the same draw would overlap in 10 %
    assertThat((double) both).isCloseTo(n * 0.01, org.assertj.core.data.Offset.offset(4 * Math.sqrt(n * 0.01 * 0.99)));
    assertThat(keptA).hasSizeGreaterThan(both);
  }

  @Test
  void ratesOutsideZeroToOneAndStratumRatesOnOtherColumnsAreRefused() {
    assertThatThrownBy(() -> new StratifiedSampler(0, "event_id", "r", "", List.of(), List.of(), Map.of()))
        .hasMessageContaining("not in (0, 1]");
    assertThatThrownBy(() -> new StratifiedSampler(1.01, "event_id", "r", "", List.of(), List.of(), Map.of()))
        .hasMessageContaining("not in (0, 1]");
    assertThatThrownBy(() -> new StratifiedSampler(0.5, "event_id", "r", "", List.of("tld"),
        List.of(new StratifiedSampler.StratumRate(Map.of("qtype", "A"), 0.5)), Map.of()))
        .hasMessageContaining("outside the strata");
  }
}

package org.dnsmesh.products.na;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dnsmesh.productkit.normalize.CaptureDuplicateFilter;
import org.dnsmesh.productkit.pipeline.IngestSummary;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.source.SyntheticDnsGenerator;
import org.dnsmesh.productkit.source.SyntheticProfile;
import org.dnsmesh.products.support.ProductContract;
import org.dnsmesh.products.support.ProductIngest;
import org.dnsmesh.products.support.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NA contract with a stratified sample declared (all NXDOMAIN/SERVFAIL/REFUSED and rare qtypes, 10 % of the
 * rest by tld and rcode, 5 % of arpa): the scaled-up counts {@code sum(1 / sample_rate)} per stratum and in total must
 * be within 4 standard errors of the unsampled truth (the same source ingested under the unsampled contract), and the
 * keep-all strata exact. The expected rate of each row is computed here from the declaration's numbers, not by the
 * sampler.
 */
class SampledIngestTest {

  static final Set<String> KEEP_RCODES = Set.of("NXDOMAIN", "SERVFAIL", "REFUSED");
  static final Set<String> KEEP_QTYPES = Set.of("ANY", "AXFR", "IXFR", "TXT", "HINFO");
  static final double ROUTINE = 0.1;
  static final double ARPA = 0.05;

  static final String SAMPLING = """
            - property: sampling
              value:
                rate: 0.1
                rateColumn: sample_rate
                strata: [tld, rcode]
                strataRates:
                  - when: {tld: arpa}
                    rate: 0.05
                keepAll:
                  rcode: [NXDOMAIN, SERVFAIL, REFUSED]
                  qtype: [ANY, AXFR, IXFR, TXT, HINFO]
      """;

  static final String RATE_COLUMN = """
            - name: sample_rate
              logicalType: number
              logicalTypeOptions:
                minimum: 0
                maximum: 1
              physicalType: double
              required: true
              classification: public
              description: Share of this row's stratum kept by the contract's sample; sum(1.0 / sample_rate) estimates the unsampled count.
      """;

  /** The product's contract plus the sampling declaration and its rate column. */
  static ProductContract sampledContract(Path dir) throws IOException {
    return ProductContract.load(sampledContractFile(dir, NaResolverQueries.OBJECT), NaResolverQueries.OBJECT);
  }

  /**
   * As {@link #sampledContract(Path)} with the schema object named {@code object} (its table) and its topic
   * {@code na.na-resolver-queries-sampled.raw} when that differs from the product's, so it can sit beside the
   * unsampled table on one stack.
   */
  static Path sampledContractFile(Path dir, String object) throws IOException {
    String contract = new String(NaResolverQueries.class.getResourceAsStream(NaResolverQueries.CONTRACT).readAllBytes(),
        StandardCharsets.UTF_8);
    String kafkaKey = """
              - property: kafkaKey
                value: query_name
        """;
    assertThat(contract).contains(kafkaKey);
    String sampled = contract.replace(kafkaKey, kafkaKey + SAMPLING)
        + (contract.endsWith("\n") ? "" : "\n") + RATE_COLUMN;
    if (!object.equals(NaResolverQueries.OBJECT)) {
      sampled = sampled.replace("  - name: resolver_queries\n    physicalName: resolver_queries\n",
              "  - name: " + object + "\n    physicalName: " + object + "\n")
          .replace("FROM resolver_queries ", "FROM " + object + " ")
          .replace("element: resolver_queries.", "element: " + object + ".")
          .replace("value: na.na-resolver-queries.raw", "value: na.na-resolver-queries-sampled.raw");
    }
    return Files.writeString(dir.resolve("datacontract.yaml"), sampled);
  }

  /** The rate the declaration gives {@code row}, computed without the sampler. */
  static double expectedRate(Row row) {
    String rcode = row.string("rcode");
    String qtype = row.string("qtype");
    if (rcode != null && KEEP_RCODES.contains(rcode) || qtype != null && KEEP_QTYPES.contains(qtype)) {
      return 1.0;
    }
    return "arpa".equals(row.string("tld")) ? ARPA : ROUTINE;
  }

  record Ingested(IngestSummary summary, List<Row> rows) {}

  static Ingested ingest(ProductContract contract, DnsEventSource source) throws IOException {
    List<Row> rows = new ArrayList<>();
    IngestSummary summary = new ProductIngest(contract, NaResolverQueries.transform(), NaFixtures.KEYS)
        .rows(source, CaptureDuplicateFilter.oneMillisecond(), r -> rows.add(new Row(r)));
    return new Ingested(summary, rows);
  }

  @Test
  void scaledUpCountsMatchTheUnsampledTruthOnTheRealLog(@TempDir Path dir) throws Exception {
    Path log = NaFixtures.sharedData("wrccdc2018_zeek_dns.log");
    Ingested truth = ingest(NaResolverQueries.contract(), NaResolverQueries.source(log));
    Ingested sampled = ingest(sampledContract(dir), NaResolverQueries.source(log));
    checkAgainstTruth("WRCCDC", truth, sampled);
    // a second run over the same log (a replay) keeps exactly the same events
    Ingested replay = ingest(sampledContract(dir), NaResolverQueries.source(log));
    assertThat(eventIds(replay.rows())).isEqualTo(eventIds(sampled.rows()));
  }

  @Test
  void scaledUpCountsMatchTheUnsampledTruthOnASyntheticStream(@TempDir Path dir) throws Exception {
    SyntheticProfile profile = SyntheticProfile.resolverDefaults(100_000, 18);
    Ingested truth = ingest(NaResolverQueries.contract(), new SyntheticDnsGenerator(profile));
    Ingested sampled = ingest(sampledContract(dir), new SyntheticDnsGenerator(profile));
    checkAgainstTruth("synthetic", truth, sampled);
  }

  private static void checkAgainstTruth(String label, Ingested truth, Ingested sampled) {
    // every event is accounted for: the sample's published + sampled out = the unsampled published
    assertThat(sampled.summary().read()).isEqualTo(truth.summary().read());
    assertThat(sampled.summary().published() + sampled.summary().sampledOut()).isEqualTo(truth.summary().published());
    assertThat(sampled.summary().duplicates()).isEqualTo(truth.summary().duplicates());
    assertThat(sampled.summary().rejected()).isEqualTo(truth.summary().rejected());
    assertThat(sampled.rows()).hasSize((int) sampled.summary().published());

    // the binomial bound assumes one independent draw per row: event ids (the hashed key) are unique
    assertThat(eventIds(truth.rows())).hasSize(truth.rows().size());
    // each kept row is the unsampled row plus its rate, and the rate is the declared one
    Map<String, Row> truthById = new HashMap<>();
    truth.rows().forEach(r -> truthById.put(r.string("event_id"), r));
    for (Row row : sampled.rows()) {
      Row original = truthById.get(row.string("event_id"));
      assertThat(original).as("kept row %s is in the unsampled ingest", row.string("event_id")).isNotNull();
      Map<String, Object> withoutRate = new HashMap<>(row.values());
      assertThat(withoutRate.remove("sample_rate")).isEqualTo(expectedRate(original));
      assertThat(withoutRate).isEqualTo(original.values());
    }

    Map<List<String>, Stratum> strata = new HashMap<>();
    for (Row row : truth.rows()) {
      strata.computeIfAbsent(stratum(row), k -> new Stratum()).addTruth(expectedRate(row));
    }
    for (Row row : sampled.rows()) {
      strata.get(stratum(row)).addKept(row.number("sample_rate"));
    }
    Stratum total = new Stratum();
    Stratum small = new Stratum();
    int checked = 0;
    int pooled = 0;
    double worstZ = 0;
    for (Map.Entry<List<String>, Stratum> entry : strata.entrySet()) {
      Stratum s = entry.getValue();
      total.add(s);
      if (s.variance == 0) {
        // kept whole: the estimate is the count, exactly
        assertThat(s.estimate).as("keep-all stratum %s", entry.getKey()).isEqualTo((double) s.count);
      } else if (s.expectedKept >= 10) {
        // enough expected draws for the normal bound
        assertThat(Math.abs(s.estimate - s.count)).as("stratum %s: estimate %.1f, truth %d, se %.1f", entry.getKey(),
            s.estimate, s.count, s.se()).isLessThanOrEqualTo(4 * s.se());
        worstZ = Math.max(worstZ, Math.abs(s.estimate - s.count) / s.se());
        checked++;
      } else {
        small.add(s);
        pooled++;
      }
    }
    assertThat(Math.abs(small.estimate - small.count)).as("strata with < 10 expected draws, pooled")
        .isLessThanOrEqualTo(4 * small.se());
    assertThat(Math.abs(total.estimate - total.count)).as("total").isLessThanOrEqualTo(4 * total.se());
    assertThat(total.count).isEqualTo(truth.rows().size());
    assertThat(checked).isPositive();
    System.out.printf("%s sample: %s; %,d rows kept of %,d (%.1f %%); estimate %,.0f vs truth %,d (se %.0f, z %.2f);"
            + " %d strata, %d checked alone (worst |z| %.2f), %d pooled (estimate %,.0f vs %,d)%n", label,
        sampled.summary().describe(), sampled.rows().size(), truth.rows().size(),
        100.0 * sampled.rows().size() / truth.rows().size(), total.estimate, total.count, total.se(),
        (total.estimate - total.count) / total.se(), strata.size(), checked, worstZ, pooled,
        small.estimate, small.count);
  }

  private static List<String> stratum(Row row) {
    return java.util.Arrays.asList(row.string("tld"), row.string("rcode"));
  }

  private static Set<String> eventIds(List<Row> rows) {
    Set<String> ids = new HashSet<>();
    rows.forEach(r -> ids.add(r.string("event_id")));
    return ids;
  }

  /** Truth and estimate of one stratum: count N, sum of 1/rate over kept rows, binomial variance sum((1-p)/p). */
  static final class Stratum {
    long count;
    double estimate;
    double variance;
    double expectedKept;

    void addTruth(double rate) {
      count++;
      variance += (1 - rate) / rate;
      expectedKept += rate;
    }

    void addKept(double rate) {
      estimate += 1 / rate;
    }

    void add(Stratum other) {
      count += other.count;
      estimate += other.estimate;
      variance += other.variance;
      expectedKept += other.expectedKept;
    }

    double se() {
      return Math.sqrt(variance);
    }
  }
}

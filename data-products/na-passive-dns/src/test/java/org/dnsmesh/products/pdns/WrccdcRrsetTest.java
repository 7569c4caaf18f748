package org.dnsmesh.products.pdns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dnsmesh.products.support.Row;
import org.junit.jupiter.api.Test;

/**
 * The product's ingest of the real WRCCDC 2018 Zeek log (skipped visibly without {@code ../shared/data}) gives the
 * rrset history that {@link IndependentRrsets} computes from the file's text alone; the bundled sample likewise.
 */
class WrccdcRrsetTest {

  @Test
  void wrccdcHistoryEqualsTheIndependentRecomputation() throws Exception {
    Path log = PdnsFixtures.sharedData(PdnsFixtures.WRCCDC);
    Map<String, IndependentRrsets.Expected> expected = IndependentRrsets.of(log);
    List<Row> rows = PdnsFixtures.rows(log);
    org.dnsmesh.productkit.validate.RecordValidator validator = PassiveDns.contract().validator();
    List<Row> valid = new ArrayList<>();
    List<Row> quarantined = new ArrayList<>();
    for (Row row : rows) {
      var result = validator.validate(org.dnsmesh.productkit.validate.FieldValues.of(row.values()));
      (result.violations().isEmpty() ? valid : quarantined).add(row);
    }
    // names the contract's pattern refuses (an mDNS service name with a space, a URL typed as a name): no answers
    assertThat(quarantined).hasSize(11).allSatisfy(r -> assertThat((List<?>) r.values().get("answers")).isEmpty());
    List<IndependentRrsets.Expected> actual = history(valid);
    System.out.println("WRCCDC rrset history: " + actual.size() + " rrsets, "
        + actual.stream().mapToLong(IndependentRrsets.Expected::count).sum() + " observations");
    assertThat(actual).hasSize(expected.size());
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected.values());
    assertThat(actual).extracting(IndependentRrsets.Expected::rrtype).contains("A", "AAAA", "CNAME", "PTR");
  }

  @Test
  void sampleHistoryEqualsTheIndependentRecomputation() throws Exception {
    Path log = PdnsFixtures.sampleLog();
    List<IndependentRrsets.Expected> actual = history(PdnsFixtures.rows(log));
    assertThat(actual).containsExactlyInAnyOrderElementsOf(IndependentRrsets.of(log).values());
    assertThat(actual).extracting(e -> e.rrname() + " " + e.rrtype() + " " + e.rdata() + " " + e.count())
        .containsExactlyInAnyOrder("www.example.org A 93.184.216.34 2", "mail.example.org MX mx1.example.org 1",
            "mail.example.org MX mx2.example.org 1");
  }

  private static List<IndependentRrsets.Expected> history(List<Row> rows) {
    return IndependentRrsets.asExpected(new ArrayList<>(RrsetObservations.of(rows).values()));
  }
}

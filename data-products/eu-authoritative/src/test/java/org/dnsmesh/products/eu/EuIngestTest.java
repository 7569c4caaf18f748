package org.dnsmesh.products.eu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dnsmesh.products.support.Row;
import org.junit.jupiter.api.Test;

class EuIngestTest {

  @Test
  void sampleRowsCarryZoneSigningAndOnlyTheClientPrefix() throws Exception {
    List<Row> rows = EuFixtures.rows(EuFixtures.sample());
    assertThat(rows).hasSize(14);
    assertThat(rows.get(0).values()).containsEntry("zone", "example.com").containsEntry("dnssec_signed", true)
        .containsEntry("aa", true);
    assertThat(rows.get(0).string("client_ip")).startsWith("192.0.2.0").doesNotContain("192.0.2.10");
    assertThat(rows.get(10).string("client_ip")).startsWith("2001:db8:1:");
    assertThat(rows.get(10).values()).containsEntry("zone", "example.org").containsEntry("dnssec_signed", false);
    assertThat(EuFixtures.valid(rows)).hasSize(13); // BADCOOKIE is not a valid rcode in the contract
  }

  @Test
  void syntheticSourceIsDeterministic() throws Exception {
    List<Row> first = EuFixtures.rows(EuAuthoritative.source(500, 7));
    List<Row> second = EuFixtures.rows(EuAuthoritative.source(500, 7));
    assertThat(first).hasSize(500).isEqualTo(second);
    assertThat(EuFixtures.valid(first)).hasSize(500);
  }
}

package org.dnsmesh.products.na;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dnsmesh.productkit.validate.FieldValues;
import org.dnsmesh.productkit.validate.RecordValidator;
import org.dnsmesh.products.support.Row;
import org.junit.jupiter.api.Test;

class NaIngestTest {

  @Test
  void sampleLogBecomesPseudonymisedRowsThatTheContractJudges() throws Exception {
    List<Row> rows = NaFixtures.rows(NaFixtures.sampleLog());
    assertThat(rows).hasSize(13);
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.values()).doesNotContainKey("client_ip").doesNotContainKey("source_uid");
      assertThat(r.string("client_id")).matches("[0-9a-f]{32}");
      assertThat(r.string("client_id_key_id")).isEqualTo("k1");
    });
    assertThat(rows.get(0).string("client_id")).isEqualTo(NaFixtures.clientId("10.1.0.10"));
    assertThat(rows.get(11).values()).containsEntry("answer_count", 2).containsEntry("qtype", "MX");

    RecordValidator validator = NaResolverQueries.contract().validator();
    long invalid = rows.stream().filter(r -> !validator.validate(FieldValues.of(r.values())).isValid()).count();
    assertThat(invalid).isEqualTo(1); // the name with a space
  }
}

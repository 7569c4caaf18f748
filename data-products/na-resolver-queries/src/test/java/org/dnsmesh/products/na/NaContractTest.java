package org.dnsmesh.products.na;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dnsmesh.contracts.ContractValidator;
import org.dnsmesh.productkit.pseudonymize.ColumnTreatment;
import org.dnsmesh.productkit.pseudonymize.Treatment;
import org.dnsmesh.products.support.ProductContract;
import org.junit.jupiter.api.Test;

class NaContractTest {

  @Test
  void contractHasNoFindings() {
    assertThat(ContractValidator.validate(Path.of("datacontract.yaml"))).isEmpty();
  }

  @Test
  void contractBindsTopicLayoutAndPrivacy() {
    ProductContract contract = NaResolverQueries.contract();
    assertThat(contract.version()).isEqualTo("1.0.0");
    assertThat(contract.topic().toString()).isEqualTo("na.na-resolver-queries.raw");
    assertThat(contract.table().toString()).isEqualTo("na.resolver_queries");
    assertThat(contract.layout().partitionFields()).containsExactly("day(event_ts)", "identity(tld)");
    assertThat(contract.treatments()).containsExactlyInAnyOrder(
        new ColumnTreatment("client_ip", "client_id", Treatment.HMAC),
        ColumnTreatment.inPlace("server_ip", Treatment.CLEAR),
        ColumnTreatment.inPlace("source_uid", Treatment.DROP));
    assertThat(contract.avroSchema().getField("client_ip")).isNull();
  }
}

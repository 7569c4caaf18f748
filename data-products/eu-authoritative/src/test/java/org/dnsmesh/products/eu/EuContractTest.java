package org.dnsmesh.products.eu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dnsmesh.contracts.ContractValidator;
import org.dnsmesh.productkit.pseudonymize.ColumnTreatment;
import org.dnsmesh.productkit.pseudonymize.Treatment;
import org.dnsmesh.products.support.ProductContract;
import org.junit.jupiter.api.Test;

class EuContractTest {

  @Test
  void contractHasNoFindings() {
    assertThat(ContractValidator.validate(Path.of("datacontract.yaml"))).isEmpty();
  }

  @Test
  void contractBindsTopicLayoutAndPrivacy() {
    ProductContract contract = EuAuthoritative.contract();
    assertThat(contract.version()).isEqualTo("1.0.0");
    assertThat(contract.topic().toString()).isEqualTo("eu.eu-authoritative.raw");
    assertThat(contract.table().toString()).isEqualTo("eu.authoritative_responses");
    assertThat(contract.layout().partitionFields()).containsExactly("day(event_ts)", "identity(tld)");
    assertThat(contract.treatments()).containsExactlyInAnyOrder(
        ColumnTreatment.inPlace("client_ip", Treatment.TRUNCATE),
        ColumnTreatment.inPlace("server_ip", Treatment.CLEAR),
        ColumnTreatment.inPlace("source_uid", Treatment.DROP));
  }
}

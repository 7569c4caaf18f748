package org.dnsmesh.products.apac;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dnsmesh.contracts.ContractValidator;
import org.dnsmesh.productkit.pseudonymize.ColumnTreatment;
import org.dnsmesh.productkit.pseudonymize.Treatment;
import org.dnsmesh.products.support.ProductContract;
import org.junit.jupiter.api.Test;

class ApacContractTest {

  @Test
  void contractHasNoFindings() {
    assertThat(ContractValidator.validate(Path.of("datacontract.yaml"))).isEmpty();
  }

  @Test
  void contractBindsTopicLayoutAndPrivacy() {
    ProductContract contract = ApacEdgeCache.contract();
    assertThat(contract.version()).isEqualTo("1.0.0");
    assertThat(contract.topic().toString()).isEqualTo("apac.apac-edge-cache.raw");
    assertThat(contract.table().toString()).isEqualTo("apac.edge_events");
    assertThat(contract.layout().partitionFields()).containsExactly("day(event_ts)", "identity(tld)");
    assertThat(contract.layout().sortFields()).containsExactly("pop", "event_ts");
    assertThat(contract.treatments()).containsExactlyInAnyOrder(
        new ColumnTreatment("client_ip", "client_id", Treatment.HMAC),
        ColumnTreatment.inPlace("server_ip", Treatment.CLEAR),
        ColumnTreatment.inPlace("source_uid", Treatment.DROP));
  }
}

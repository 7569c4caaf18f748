package org.dnsmesh.products.pdns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dnsmesh.contracts.ContractValidator;
import org.dnsmesh.productkit.pseudonymize.ColumnTreatment;
import org.dnsmesh.productkit.pseudonymize.Treatment;
import org.dnsmesh.productkit.write.IcebergSchemas;
import org.dnsmesh.products.support.ProductContract;
import org.junit.jupiter.api.Test;

class PdnsContractTest {

  @Test
  void contractHasNoFindings() {
    assertThat(ContractValidator.validate(Path.of("datacontract.yaml"))).isEmpty();
  }

  @Test
  void answersTableKeepsRdataTtlAndRrtypeAndPseudonymisesClients() {
    ProductContract contract = PassiveDns.contract();
    assertThat(contract.topic().toString()).isEqualTo("na.na-passive-dns.raw");
    assertThat(contract.table().toString()).isEqualTo("na.passive_dns_answers");
    assertThat(contract.layout().partitionFields()).containsExactly("day(event_ts)");
    assertThat(contract.treatments()).containsExactlyInAnyOrder(
        new ColumnTreatment("client_ip", "client_id", Treatment.HMAC),
        ColumnTreatment.inPlace("server_ip", Treatment.CLEAR),
        ColumnTreatment.inPlace("source_uid", Treatment.DROP));
    org.apache.iceberg.Schema schema = IcebergSchemas.fromAvro(contract.avroSchema());
    assertThat(schema.findType("answers").toString()).isEqualTo("list<string>");
    assertThat(schema.findType("answer_types").toString()).isEqualTo("list<string>");
    assertThat(schema.findType("ttls").toString()).isEqualTo("list<long>");
    assertThat(schema.findField("client_ip")).isNull();
  }

  @Test
  void rrsetHistoryIsKeyedAndLaidOutForLookups() {
    ProductContract rrset = PassiveDns.rrsetContract();
    assertThat(rrset.table().toString()).isEqualTo("na.rrset_history");
    assertThat(rrset.layout().partitionFields()).containsExactly("bucket(16, rrname)");
    assertThat(rrset.layout().sortFields()).containsExactly("rrname", "rdata");
    org.apache.iceberg.Schema schema = new RrsetHistory(rrset).schema();
    assertThat(schema.columns()).extracting(c -> c.name() + ":" + c.type() + ":" + c.isRequired()).containsExactly(
        "rrname:string:true", "rrtype:string:true", "rdata:string:true", "first_seen:timestamptz:true",
        "last_seen:timestamptz:true", "count:long:true", "min_ttl:long:false", "max_ttl:long:false");
  }
}

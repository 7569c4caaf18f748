package org.dnsmesh.products.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.dnsmesh.products.support.ProductContract;
import org.junit.jupiter.api.Test;

/** The product's contract and the three reference contracts load and validate; the Avro schema has the issue's fields. */
class RegistrarContractsTest {

  @Test
  void canonicalContractCarriesOwnerSlaAndEveryFieldTheIssueLists() {
    ProductContract contract = RegistrarChanges.contract();
    assertThat(contract.domain()).isEqualTo("security");
    assertThat(contract.productName()).isEqualTo("registrar-changes");
    assertThat(contract.contract().team().name()).isEqualTo("security-operations");
    assertThat(contract.topic()).isEqualTo(RegistrarChanges.CANONICAL);
    Schema avro = contract.avroSchema();
    assertThat(avro.getFields()).extracting(Schema.Field::name).contains("event_type", "actor_id", "actor_ip_id",
        "actor_user_agent", "domain", "zone", "record_name", "record_type", "old_value", "new_value", "ttl_delta",
        "change_request_id", "approver_id", "event_ts", "source_system", "confidence", "tenant", "contact_email_id",
        "schema_version");
    assertThat(contract.contract().slaProperties()).anyMatch(sla -> sla.property().equals("freshness")
        && String.valueOf(sla.value()).equals("1") && "m".equals(sla.unit()));
    // nothing personal is stored in clear: every identifier of a person or address is pseudonymous
    assertThat(contract.object().properties()).filteredOn(p -> p.name().endsWith("_id") && !p.name().equals("event_id")
        && !p.name().equals("change_request_id") && !p.name().equals("pseudonym_key_id")).allMatch(p -> "pseudonymous".equals(p.classification()));
  }

  @Test
  void referenceProductsHaveTheirOwnValidContracts() {
    for (List<String> ref : List.of(List.of(ReferenceData.INVENTORY_CONTRACT, "domain_inventory"),
        List.of(ReferenceData.WINDOWS_CONTRACT, "change_windows"),
        List.of(ReferenceData.NAMESERVERS_CONTRACT, "nameserver_sets"))) {
      ProductContract contract = ReferenceData.contract(ref.get(0), ref.get(1));
      assertThat(contract.domain()).isEqualTo("security");
      assertThat(contract.object().properties()).allMatch(p -> p.classification() != null);
    }
  }

  @Test
  void canonicalEventsRoundTripThroughTheContractsAvroSchema() {
    ChangeEventCodec codec = ChangeEventCodec.forContract();
    ChangeEvent event = new ChangeEvent("0123456789abcdef0123456789abcdef", java.time.Instant.parse(
        "2026-12-07T09:30:00.123456Z"), "record-change", "zone-change-log", "acme", "example.com", "example.com",
        "acct-1", "a1", "b2", "curl/8", null, null, "www.example.com", "A", "192.0.2.1", "192.0.2.2", -240, "CR-1",
        "c3", "t1", 1.0);
    assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
  }
}

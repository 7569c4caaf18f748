package org.dnsmesh.productcli.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.model.DataContract;
import org.junit.jupiter.api.Test;

class ProductRegistrationTest {
  static final Path NA_CONTRACT = repository().resolve("data-products/na-resolver-queries/datacontract.yaml");

  static Path repository() {
    Path dir = Path.of("").toAbsolutePath();
    while (!dir.resolve("mesh").toFile().exists()) {
      dir = dir.getParent();
    }
    return dir;
  }

  @Test
  void productFieldsComeFromTheContract() {
    DataContract contract = DataContracts.read(NA_CONTRACT);
    ProductRegistration registration = ProductRegistration.of(contract, List.of("na.dns_daily_summary"),
        List.of("eu.eu-authoritative"));

    assertThat(registration.domain()).isEqualTo("na");
    assertThat(registration.name()).isEqualTo("na-resolver-queries");
    assertThat(registration.version()).isEqualTo("1.0.0");
    assertThat(registration.ownerTeam()).isEqualTo("na-resolver-ops");
    assertThat(registration.ownerContact()).isEqualTo("nadia@dnsmesh.example");
    assertThat(registration.status()).isEqualTo("active");
    assertThat(registration.tags()).containsExactly("dns", "resolver", "na");
    assertThat(registration.classification()).as("the most protected column class").isEqualTo("pseudonymous");
    assertThat(registration.sla()).containsEntry("freshness", "PT15M").containsEntry("retention", "PT9600H");
    assertThat(registration.outputTables())
        .containsExactly("na.resolver_queries", "na.resolver_queries_quarantine", "na.dns_daily_summary");
    assertThat(registration.inputPorts()).containsExactly("topic:na.na-resolver-queries.raw", "eu.eu-authoritative");
    assertThat(registration.columns()).extracting(c -> c.get("name")).contains("event_id", "client_id", "query_name");
    assertThat(registration.fingerprint()).matches("[0-9a-f]{16}");
    assertThat(registration.productBody()).containsKeys("domain", "name", "description", "ownerTeam", "ownerContact",
        "tags", "status", "classification", "sla", "outputPorts", "inputPorts", "columns");
    assertThat(registration.productBody().get("outputPorts")).asList()
        .startsWith(Map.of("namespace", "na", "table", "resolver_queries"));
  }

  @Test
  void refusesAnOutputTableThatIsNotNamespaceDotTable() {
    DataContract contract = DataContracts.read(NA_CONTRACT);
    assertThatThrownBy(() -> ProductRegistration.of(contract, List.of("summary"), List.of()))
        .hasMessageContaining("output table 'summary' must be namespace.table");
  }
}

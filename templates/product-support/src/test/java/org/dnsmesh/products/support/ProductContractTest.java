package org.dnsmesh.products.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductContractTest {

  @Test
  void invalidContractIsRefusedWithItsFindings(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("datacontract.yaml");
    Files.writeString(file, "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: one\nstatus: active\n");
    assertThatThrownBy(() -> ProductContract.load(file, "events")).hasMessageContaining("is invalid")
        .hasMessageContaining("datacontract.yaml:");
  }

  @Test
  void missingResourceIsNamed() {
    assertThatThrownBy(() -> ProductContract.fromResource(ProductContractTest.class, "nope.yaml", "events"))
        .hasMessageContaining("nope.yaml not found");
  }

  @Test
  void exampleContractBinds() {
    Path example = Path.of("../../contracts/examples/dns-resolver-queries.odcs.yaml");
    ProductContract contract = ProductContract.load(example, "dns_queries");
    assertThat(contract.topic().toString()).isEqualTo("dns-resolution.dns-resolver-queries.raw");
    assertThat(contract.validator().rules()).hasSize(14);
    assertThatThrownBy(() -> ProductContract.load(example, "other")).hasMessageContaining("no schema object 'other'");
  }

  private static final String KAFKA_KEY = "      - property: kafkaKey\n        value: client_id\n";

  private static Path exampleWithSampling(Path dir, String sampling) throws Exception {
    String example = Files.readString(Path.of("../../contracts/examples/dns-resolver-queries.odcs.yaml"));
    assertThat(example).contains(KAFKA_KEY);
    String rateColumn = """
              - name: sample_rate
                logicalType: number
                physicalType: double
                required: true
                classification: public
        """;
    return Files.writeString(dir.resolve("datacontract.yaml"), example.replace(KAFKA_KEY, KAFKA_KEY + sampling)
        + (example.endsWith("\n") ? "" : "\n") + rateColumn);
  }

  @Test
  void samplingDeclaredInTheContractBecomesTheSampler(@TempDir Path dir) throws Exception {
    Path file = exampleWithSampling(dir, """
              - property: sampling
                value: {rate: 0.25, rateColumn: sample_rate, strata: [tld], keepAll: {rcode: [NXDOMAIN]}}
        """);
    ProductContract contract = ProductContract.load(file, "dns_queries");
    var sampler = contract.sampler().orElseThrow();
    assertThat(sampler.rateColumn()).isEqualTo("sample_rate");
    assertThat(sampler.rateOf(java.util.Map.of("event_id", "e1", "tld", "com", "rcode", "NOERROR"))).isEqualTo(0.25);
    assertThat(sampler.rateOf(java.util.Map.of("event_id", "e1", "tld", "com", "rcode", "NXDOMAIN"))).isEqualTo(1.0);
    assertThat(ProductContract.load(Path.of("../../contracts/examples/dns-resolver-queries.odcs.yaml"), "dns_queries")
        .sampler()).isEmpty();
  }

  /** A product cannot start on a sampling declaration that would drop everything or sample by an unknown column. */
  @Test
  void invalidSamplingIsRefusedAtLoadNamingWhere(@TempDir Path dir) throws Exception {
    Path zeroRate = exampleWithSampling(dir, """
              - property: sampling
                value: {rate: 0, rateColumn: sample_rate}
        """);
    assertThatThrownBy(() -> ProductContract.load(zeroRate, "dns_queries")).hasMessageContaining("[sampling]")
        .hasMessageContaining("/schema/0/customProperties/4/value/rate").hasMessageContaining("not a number in (0, 1]");
    Path unknownColumn = exampleWithSampling(dir, """
              - property: sampling
                value: {rate: 0.5, rateColumn: sample_rate, keepAll: {severity: [high]}}
        """);
    assertThatThrownBy(() -> ProductContract.load(unknownColumn, "dns_queries"))
        .hasMessageContaining("/schema/0/customProperties/4/value/keepAll/severity")
        .hasMessageContaining("'severity', which object 'dns_queries' does not have");
    // a rate recorded in an integer column would be truncated to 0 or 1: refused
    Path integerRate = exampleWithSampling(dir, """
              - property: sampling
                value: {rate: 0.5, rateColumn: latency_ms}
        """);
    assertThatThrownBy(() -> ProductContract.load(integerRate, "dns_queries"))
        .hasMessageContaining("/schema/0/customProperties/4/value/rateColumn")
        .hasMessageContaining("has logicalType 'integer'; it must be a number");
  }
}

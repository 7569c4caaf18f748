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
}

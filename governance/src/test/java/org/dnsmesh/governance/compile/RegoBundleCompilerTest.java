package org.dnsmesh.governance.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dnsmesh.governance.DemoPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegoBundleCompilerTest {
  private final OpaBundle bundle = new RegoBundleCompiler(DemoPolicy.EXPRESSIONS).compile(DemoPolicy.POLICY, DemoPolicy.TABLES);
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void bundleHoldsRegoDataAndManifest() throws IOException {
    assertThat(bundle.files().keySet()).containsExactly(".manifest", "dnsmesh/authz/authz.rego", "dnsmesh/policy/data.json",
        "dnsmesh/trino/trino.rego");
    JsonNode manifest = json.readTree(bundle.file(".manifest"));
    assertThat(manifest.get("roots")).isEqualTo(json.readTree("[\"dnsmesh\"]"));
    assertThat(manifest.get("revision").asText()).startsWith("policy-v1-");
    assertThat(bundle.file("dnsmesh/authz/authz.rego")).contains("package dnsmesh.authz", "import rego.v1", "table_access := result if");
    assertThat(bundle.file("dnsmesh/trino/trino.rego")).contains("package dnsmesh.trino", "batch contains i if",
        "row_filters :=", "column_mask :=", "batch_column_masks contains");
  }

  @Test
  void dataCarriesPrincipalsGrantsAndResolvedColumnMasks() throws IOException {
    JsonNode data = json.readTree(bundle.file("dnsmesh/policy/data.json"));

    assertThat(data.at("/principals/ana/attributes/region").asText()).isEqualTo("eu");
    assertThat(data.at("/principals/nora/roles/0")).isEqualTo(json.readTree("{\"role\":\"steward\",\"domain\":\"na\"}"));
    assertThat(data.at("/principals/grace/roles/0/domain").asText()).isEmpty();
    assertThat(data.at("/operations/read-table")).isEqualTo(json.readTree("{\"privilege\":\"read\",\"levels\":[3]}"));
    assertThat(data.at("/grants/0")).isEqualTo(json.readTree("""
        {"subject":{"principal":"","role":"publisher","domain":"","scope":"own-domain"},
         "resources":[["*"]],"privileges":["read","write","manage","propose"]}"""));
    JsonNode clientIp = data.at("/tables/na.resolver.queries/columns/1");
    assertThat(clientIp.get("name").asText()).isEqualTo("client_ip");
    assertThat(clientIp.get("mask").asText()).isEqualTo("ipv4-prefix-24");
    assertThat(clientIp.get("expression").asText()).isEqualTo(TrinoRulesCompilerTest.CLIENT_IP_MASK);
    assertThat(clientIp.at("/clear_for/0/scope").asText()).isEqualTo("own-domain");
    assertThat(data.at("/tables/na.resolver.queries/columns/0/mask").asText()).isEqualTo("none");
    assertThat(data.at("/row_filters/0/column").asText()).isEqualTo("region");
  }

  @Test
  void writesAsADirectoryOpaCanLoad(@TempDir Path directory) {
    bundle.writeTo(directory);

    assertThat(directory.resolve("dnsmesh/policy/data.json")).exists();
    assertThat(directory.resolve(".manifest")).exists();
    assertThat(Files.isRegularFile(directory.resolve("dnsmesh/trino/trino.rego"))).isTrue();
  }
}

package org.dnsmesh.governance.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dnsmesh.governance.DemoPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrinoRulesCompilerTest {
  static final String CLIENT_IP_MASK = "CAST(CASE WHEN regexp_like(client_ip, '^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$') "
      + "THEN regexp_replace(client_ip, '\\.\\d{1,3}$', '.0') ELSE NULL END AS varchar)";

  private final TrinoRulesCompiler compiler = new TrinoRulesCompiler(DemoPolicy.EXPRESSIONS);
  private final ObjectNode rules = compiler.compile(DemoPolicy.POLICY, DemoPolicy.TABLES);

  @Test
  void everySectionEndsWithAnExplicitDeny() {
    assertThat(last("catalogs")).isEqualTo(json("{\"allow\":\"none\"}"));
    assertThat(last("schemas")).isEqualTo(json("{\"owner\":false}"));
    assertThat(last("tables")).isEqualTo(json("{\"privileges\":[]}"));
    assertThat(rules.fieldNames()).toIterable().containsExactly("catalogs", "schemas", "tables", "queries");
  }

  @Test
  void analystGetsMasksAndARegionFilter() {
    JsonNode rule = tableRule("ana", "na", "resolver", "queries").orElseThrow();

    assertThat(rule.get("user").asText()).isEqualTo("^(ana)$");
    assertThat(rule.get("privileges")).isEqualTo(json("[\"SELECT\"]"));
    assertThat(rule.get("filter").asText()).isEqualTo("region = 'eu'");
    assertThat(rule.get("columns")).isEqualTo(json("[{\"name\":\"client_ip\",\"mask\":" + quote(CLIENT_IP_MASK) + "},"
        + "{\"name\":\"qname\",\"mask\":\"CAST(NULL AS varchar)\"},{\"name\":\"resolver_id\",\"mask\":\"CAST(NULL AS varchar)\"}]"));
  }

  @Test
  void masksReturnExactlyTheColumnType() {
    JsonNode apac = tableRule("li", "apac", "edge", "cache_events").orElseThrow();
    assertThat(apac.get("columns").get(0).get("mask").asText()).startsWith("CAST(CASE WHEN").endsWith(" AS varchar(45))");

    JsonNode registrar = tableRule("ana", "security", "registrar", "events").orElseThrow();
    assertThat(registrar.get("columns")).extracting(c -> c.get("name").asText() + " -> " + c.get("mask").asText()).containsExactly(
        "registrant_email -> CAST(mesh_pseudonym(registrant_email) AS varchar)",
        "actor_ip -> " + CLIENT_IP_MASK.replace("client_ip", "actor_ip"),
        "account_id -> CAST(NULL AS bigint)");
  }

  @Test
  void owningStewardSeesClearValuesAndWritersGetWritePrivileges() {
    JsonNode steward = tableRule("nora", "na", "resolver", "queries").orElseThrow();
    assertThat(steward.has("columns")).isFalse();
    assertThat(steward.has("filter")).isFalse();

    assertThat(tableRule("pipeline-na", "na", "resolver", "queries").orElseThrow().get("privileges"))
        .isEqualTo(json("[\"SELECT\",\"INSERT\",\"DELETE\",\"UPDATE\",\"OWNERSHIP\"]"));
  }

  @Test
  void tablesWithoutGrantGetNoRule() {
    assertThat(tableRule("li", "security", "registrar", "events")).isEmpty();
    assertThat(tableRule("nora", "security", "registrar", "events")).isEmpty();
    assertThat(tableRule("erik", "na", "resolver", "queries")).isEmpty();
  }

  @Test
  void catalogAndSchemaAccessFollowsGrants() {
    assertThat(catalogAccess("alice", "na")).contains("all");
    assertThat(catalogAccess("alice", "eu")).isEmpty();
    assertThat(catalogAccess("ana", "security")).contains("read-only");
    assertThat(catalogAccess("nora", "na")).contains("read-only");
    assertThat(schemaRules()).contains(json("{\"user\":\"^(alice)$\",\"catalog\":\"na\",\"schema\":\".*\",\"owner\":true}"));
    assertThat(schemaRules()).noneMatch(r -> r.path("user").asText().equals("^(ana)$"));
  }

  @Test
  void warnsWhereTrinoWouldRefuseInsertsBecauseOfMasks() {
    assertThat(compiler.warnings(DemoPolicy.POLICY, DemoPolicy.TABLES))
        .anyMatch(w -> w.startsWith("pipeline-na may write na.resolver.queries but sees masked columns [client_ip]"))
        .noneMatch(w -> w.contains("nxdomain_hourly"));
  }

  @Test
  void writesTheRulesFileAtomically(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("trino/rules.json");
    compiler.writeTo(rules, file);

    assertThat(new ObjectMapper().readTree(file.toFile())).isEqualTo(rules);
    assertThat(directory.resolve("trino")).isDirectoryNotContaining("glob:**.tmp");
  }

  private Optional<JsonNode> tableRule(String user, String catalog, String schema, String table) {
    for (JsonNode rule : rules.get("tables")) {
      if (rule.path("user").asText().equals("^(" + user.replace(".", "\\.") + ")$") && rule.path("catalog").asText().equals(catalog)
          && rule.path("schema").asText().equals(schema) && rule.path("table").asText().equals(table)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  private Optional<String> catalogAccess(String user, String catalog) {
    for (JsonNode rule : rules.get("catalogs")) {
      if (rule.path("user").asText().equals("^(" + user + ")$") && rule.path("catalog").asText().equals(catalog)) {
        return Optional.of(rule.get("allow").asText());
      }
    }
    return Optional.empty();
  }

  private List<JsonNode> schemaRules() {
    List<JsonNode> list = new ArrayList<>();
    rules.get("schemas").forEach(list::add);
    return list;
  }

  private JsonNode last(String section) {
    JsonNode array = rules.get(section);
    return array.get(array.size() - 1);
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String quote(String text) {
    try {
      return new ObjectMapper().writeValueAsString(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}

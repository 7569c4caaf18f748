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
    assertThat(rules.fieldNames()).toIterable().containsExactly("catalogs", "schemas", "tables", "functions", "queries");
  }

  /** The catalog's lineage lookup views any query (first match wins) and may run none; users run only their own. */
  @Test
  void theLineageReaderMayViewEveryQueryAndRunNone() {
    JsonNode first = rules.get("queries").get(0);
    assertThat(first).isEqualTo(json("{\"user\":\"^(mesh-lineage)$\",\"allow\":[\"view\"]}"));
    for (JsonNode rule : rules.get("queries")) {
      assertThat("mesh-lineage".matches(rule.get("user").asText()) && rule != first).as(rule.toString()).isFalse();
      if (rule != first) {
        assertThat(rule.get("allow")).as("nobody else views others' queries").containsExactly(json("\"execute\""));
      }
    }
  }

  /**
   * Only the masks' evaluation identity executes the pseudonym (with function rules present Trino refuses every catalog
   * function no rule grants); it reads (SELECT only, the columns a mask references are checked as it), no token can name it.
   */
  @Test
  void onlyTheMaskingIdentityMayExecuteThePseudonymFunction() {
    assertThat(rules.get("functions")).isEqualTo(json("[{\"user\":\"^(mesh-masking)$\",\"catalog\":\"^(mesh)$\","
        + "\"schema\":\"^(masking)$\",\"function\":\"^(pseudonym)$\",\"privileges\":[\"EXECUTE\"]}]"));
    List<JsonNode> meshCatalog = new java.util.ArrayList<>();
    rules.get("catalogs").forEach(rule -> {
      if (rule.path("catalog").asText().contains("mesh") || rule.path("user").asText().contains("mesh-masking")) {
        meshCatalog.add(rule);
      }
    });
    assertThat(meshCatalog).as("one rule: the masking identity, read-only, every catalog").containsExactly(
        json("{\"user\":\"^(mesh-masking)$\",\"allow\":\"read-only\"}"));
    List<JsonNode> maskingTables = new java.util.ArrayList<>();
    rules.get("tables").forEach(rule -> {
      if (rule.path("user").asText().contains("mesh-masking")) {
        maskingTables.add(rule);
      }
    });
    assertThat(maskingTables).as("it reads the columns masks reference, nothing else").containsExactly(
        json("{\"user\":\"^(mesh-masking)$\",\"privileges\":[\"SELECT\"]}"));
    rules.get("tables").forEach(rule -> rule.path("columns").forEach(column -> {
      if (column.has("mask")) {
        assertThat(column.path("mask_environment").path("user").asText()).isEqualTo("mesh-masking");
      }
    }));
  }

  @Test
  void analystGetsMasksAndARegionFilter() {
    JsonNode rule = tableRule("ana", "na", "resolver", "queries").orElseThrow();

    assertThat(rule.get("user").asText()).isEqualTo("^(ana)$");
    assertThat(rule.get("privileges")).isEqualTo(json("[\"SELECT\"]"));
    assertThat(rule.get("filter").asText()).isEqualTo("region = 'eu'");
    String asMasking = ",\"mask_environment\":{\"user\":\"mesh-masking\"}}";
    assertThat(rule.get("columns")).isEqualTo(json("[{\"name\":\"client_ip\",\"mask\":" + quote(CLIENT_IP_MASK) + asMasking + ","
        + "{\"name\":\"qname\",\"mask\":\"CAST(NULL AS varchar)\"" + asMasking + ",{\"name\":\"resolver_id\",\"mask\":\"CAST(NULL AS varchar)\""
        + asMasking + ","
        + "{\"name\":\"$path\",\"allow\":false},{\"name\":\"$file_modified_time\",\"allow\":false},"
        + "{\"name\":\"$partition\",\"allow\":false}]"));
  }

  @Test
  void maskedOrFilteredReadersMayNotSelectTheHiddenFileColumns() {
    for (String[] reader : new String[][] {{"ana", "na", "resolver", "queries"}, {"analyst", "eu", "eu", "authoritative_responses"},
        {"li", "security", "detections", "alerts"}, {"governance", "security", "registrar", "events"}}) {
      JsonNode rule = tableRule(reader[0], reader[1], reader[2], reader[3]).orElseThrow();
      assertThat(hiddenColumnsDenied(rule)).as(String.join(".", reader)).containsExactlyElementsOf(TrinoRulesCompiler.FILE_COLUMNS);
    }
    // writers (the table's producers, Trino, pipelines, the monitor) and unmasked readers keep them
    for (String[] reader : new String[][] {{"nora", "na", "resolver", "queries"}, {"pipeline-na", "na", "resolver", "queries"},
        {"trino", "eu", "eu", "authoritative_responses"}, {"quality-monitor", "apac", "apac", "edge_events"}}) {
      JsonNode rule = tableRule(reader[0], reader[1], reader[2], reader[3]).orElseThrow();
      assertThat(hiddenColumnsDenied(rule)).as(String.join(".", reader)).isEmpty();
    }
  }

  private static List<String> hiddenColumnsDenied(JsonNode rule) {
    List<String> denied = new ArrayList<>();
    rule.path("columns").forEach(c -> {
      if (c.has("allow") && !c.get("allow").asBoolean()) {
        denied.add(c.get("name").asText());
      }
    });
    return denied;
  }

  @Test
  void aRowFilterOnATableWithoutItsColumnFailsClosed() {
    // na.na.resolver_queries has no region column: an eu analyst sees none of na's raw rows (was: every row)
    assertThat(tableRule("ana", "na", "na", "resolver_queries").orElseThrow().get("filter").asText()).isEqualTo("false");
    assertThat(tableRule("li", "security", "detections", "alerts").orElseThrow().get("filter").asText()).isEqualTo("region = 'apac'");
  }

  @Test
  void tablesCarryTheRegionOfTheirDomainAndAggregatesAreGlobal() {
    // raw tables without a region column: visible whole in the analyst's own region only
    assertThat(tableRule("ana", "eu", "eu", "authoritative_responses").orElseThrow().has("filter")).isFalse();
    assertThat(tableRule("li", "eu", "eu", "authoritative_responses").orElseThrow().get("filter").asText()).isEqualTo("false");
    assertThat(tableRule("li", "apac", "apac", "edge_events").orElseThrow().has("filter")).isFalse();
    // aggregated products are global (the rule's `except`)
    assertThat(tableRule("ana", "na", "na", "nxdomain_top_generators_hourly").orElseThrow().has("filter")).isFalse();
    assertThat(tableRule("li", "eu", "eu", "latency_by_zone_hourly").orElseThrow().has("filter")).isFalse();
    // per-client daily outliers are not an aggregate: regional
    assertThat(tableRule("ana", "na", "na", "outlier_clients_daily").orElseThrow().get("filter").asText()).isEqualTo("false");
    // an analyst without a region attribute is not filtered by the region rule
    assertThat(tableRule("alan", "na", "na", "resolver_queries").orElseThrow().has("filter")).isFalse();
  }

  @Test
  void passiveDnsHistoryIsGlobalAndItsAnswersTableKeepsAnswersFromAnalysts() {
    // the rrset history holds no client data: global for analysts, every column clear
    JsonNode history = tableRule("ana", "na", "na", "rrset_history").orElseThrow();
    assertThat(history.has("filter")).isFalse();
    assertThat(history.path("columns")).noneMatch(c -> c.has("mask"));
    // the per-transaction answers stay regional (no region column: none for an eu analyst) and masked by type
    JsonNode answers = tableRule("ana", "na", "na", "passive_dns_answers").orElseThrow();
    assertThat(answers.get("filter").asText()).isEqualTo("false");
    assertThat(tableRule("alan", "na", "na", "passive_dns_answers").orElseThrow().get("columns"))
        .filteredOn(c -> c.has("mask")).extracting(c -> c.get("name").asText() + " -> " + c.get("mask").asText())
        .contains("answers -> CAST(NULL AS array(varchar))", "query_name -> CAST(NULL AS varchar)");
  }

  @Test
  void masksReturnExactlyTheColumnType() {
    JsonNode apac = tableRule("li", "apac", "edge", "cache_events").orElseThrow();
    assertThat(apac.get("columns").get(0).get("mask").asText()).startsWith("CAST(CASE WHEN").endsWith(" AS varchar(45))");

    JsonNode registrar = tableRule("ana", "security", "registrar", "events").orElseThrow();
    assertThat(registrar.get("columns")).filteredOn(c -> c.has("mask"))
        .extracting(c -> c.get("name").asText() + " -> " + c.get("mask").asText()).containsExactly(
        "registrant_email -> CAST(mesh.masking.pseudonym(registrant_email) AS varchar)",
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

  /** Issue 18: table maintenance counts snapshots and files; only managers with a clear view read the metadata tables. */
  @Test
  void metadataTablesOnlyForManagersWithAClearView() {
    String metadata = "queries" + TrinoRulesCompiler.METADATA_TABLES;
    JsonNode lifecycle = tableRule("lifecycle", "na", "resolver", metadata).orElseThrow();
    assertThat(lifecycle.get("privileges")).extracting(JsonNode::asText).containsExactly("SELECT");
    assertThat(java.util.regex.Pattern.matches(metadata, "queries$snapshots")).isTrue();
    assertThat(java.util.regex.Pattern.matches(metadata, "queries$files")).isTrue();
    assertThat(java.util.regex.Pattern.matches(metadata, "queries")).isFalse();
    assertThat(tableRule("lifecycle", "na", "resolver", "queries").orElseThrow().get("privileges"))
        .extracting(JsonNode::asText).containsExactly("SELECT", "INSERT", "DELETE", "UPDATE", "OWNERSHIP");
    assertThat(tableRule("lifecycle", "na", "resolver", "queries").orElseThrow().has("columns")).isFalse();
    for (String masked : new String[] {"ana", "analyst", "root", "kenji"}) {
      assertThat(tableRule(masked, "na", "resolver", metadata)).as(masked).isEmpty();
    }
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

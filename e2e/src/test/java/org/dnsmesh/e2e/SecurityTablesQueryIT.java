package org.dnsmesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.dnsmesh.infra.iceberg.IcebergAppender;
import org.dnsmesh.infra.iceberg.LocalFileIO;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.infra.stack.TrinoSql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16 (4): the security product's {@code security.security.detections} on the real Trino and catalog under the
 * policy. The security steward sees actors as stored; an analyst of another domain, granted the table, sees them
 * only as tokens (and the internal columns as NULL); a principal without a grant is refused; and the masked analyst
 * is not handed the table's files by the catalog's Iceberg REST {@code loadTable}, which would bypass the masks.
 */
@Tag("e2e")
@ExtendWith(SharedStack.class)
@Order(SharedStack.ORDER)
class SecurityTablesQueryIT {
  private static final String ACTOR = "0123456789abcdef0123456789abcdef";
  private static final String ACTOR_IP = "fedcba9876543210fedcba9876543210";
  private static final String TABLE = "security.security.detections";

  private static StackConfig config;
  private static MeshStack stack;

  @BeforeAll
  static void up() throws Exception {
    config = SharedStack.config();
    stack = SharedStack.stack();
    writeFindings();
  }


  /** Two findings as the sink writes them (the contract's columns), through the REST catalog as the topology. */
  private static void writeFindings() throws Exception {
    List<String> text = List.of("finding_id", "rule", "severity", "criticality", "case_key", "case_id", "domain",
        "registrar_account", "actor_id", "actor_ip_id", "event_type", "trigger_event_id", "owner", "business_unit",
        "explanation", "suppressed_by");
    List<Types.NestedField> fields = new ArrayList<>();
    int id = 1;
    fields.add(Types.NestedField.required(id++, "event_ts", Types.TimestampType.withZone()));
    fields.add(Types.NestedField.required(id++, "confidence", Types.DoubleType.get()));
    for (String name : text) {
      fields.add(Types.NestedField.optional(id++, name, Types.StringType.get()));
    }
    Schema schema = new Schema(fields);
    try (RESTCatalog security = new RESTCatalog()) {
      security.initialize("security", Map.of("uri", config.icebergRestUrl(), "warehouse", "security",
          "token", stack.tokens().mint("security-detections", List.of("service"), List.of("security"),
              Duration.ofMinutes(10)),
          "io-impl", LocalFileIO.class.getName(), "rest-metrics-reporting-enabled", "false"));
      security.createNamespace(Namespace.of("security"), new HashMap<>());
      Table table = security.createTable(TableIdentifier.of("security", "detections"), schema);
      List<Record> rows = new ArrayList<>();
      for (String rule : List.of("NAMESERVER_NOT_KNOWN_GOOD", "UNLOCK_THEN_TRANSFER")) {
        GenericRecord row = GenericRecord.create(schema);
        text.forEach(name -> row.setField(name, name + "-value"));
        row.setField("event_ts", OffsetDateTime.parse("2026-12-01T10:00:00Z"));
        row.setField("confidence", 0.9);
        row.setField("rule", rule);
        row.setField("actor_id", ACTOR);
        row.setField("actor_ip_id", ACTOR_IP);
        row.setField("suppressed_by", null);
        rows.add(row);
      }
      IcebergAppender.append(table, rows);
    }
  }

  private static String token(String principal) {
    return stack.tokens().mint(principal, List.of("analyst"), List.of(), Duration.ofMinutes(10));
  }

  private static List<List<Object>> query(String principal, String sql) throws SQLException {
    return TrinoSql.rows(config, token(principal), sql);
  }

  private static final String ACTORS = "SELECT actor_id, actor_ip_id, registrar_account, rule FROM " + TABLE
      + " ORDER BY rule";

  @Test
  void theSecurityStewardSeesActorsAsStored() throws Exception {
    assertThat(query("steward-security", ACTORS)).containsExactly(
        List.of(ACTOR, ACTOR_IP, "registrar_account-value", "NAMESERVER_NOT_KNOWN_GOOD"),
        List.of(ACTOR, ACTOR_IP, "registrar_account-value", "UNLOCK_THEN_TRANSFER"));
  }

  @Test
  void anotherDomainsAnalystReadsMaskedActorsOnly() throws Exception {
    for (String analyst : List.of("ana", "li")) { // regions eu and apac: findings of every region, no row filter
      List<List<Object>> rows = query(analyst, ACTORS);
      assertThat(rows).as(analyst).hasSize(2);
      for (List<Object> row : rows) {
        assertThat(row.get(0)).as(analyst + " actor_id").isNotNull().isNotEqualTo(ACTOR);
        assertThat(row.get(0).toString()).matches("[0-9A-F]{64}"); // mesh.masking.pseudonym: upper-case hex HMAC-SHA256
        assertThat(row.get(1)).as(analyst + " actor_ip_id").isNotNull().isNotEqualTo(ACTOR_IP);
        assertThat(row.get(2)).as(analyst + " registrar_account (internal)").isNull();
      }
      // the same actor gives the same token (countable), and no query reveals the stored value
      assertThat(rows.get(0).get(0)).isEqualTo(rows.get(1).get(0));
      assertThat(query(analyst, "SELECT count(*) FROM " + TABLE + " WHERE actor_id = '" + ACTOR + "'"))
          .containsExactly(List.of(0L));
    }
  }

  @Test
  void aPrincipalWithoutAGrantIsRefused() {
    for (String principal : List.of("nora", "pipeline-na", "publisher-eu")) {
      assertThatThrownBy(() -> query(principal, "SELECT count(*) FROM " + TABLE)).as(principal)
          .isInstanceOf(SQLException.class).hasMessageContaining("Access Denied");
    }
  }

  @Test
  void theMaskedAnalystMayNotReadTheFilesBehindTheMasks() throws Exception {
    assertThatThrownBy(() -> query("ana", "SELECT \"$path\" FROM " + TABLE)).isInstanceOf(SQLException.class)
        .hasMessageContaining("Access Denied");
    assertThatThrownBy(() -> query("ana", "SELECT * FROM security.security.\"detections$files\""))
        .isInstanceOf(SQLException.class).hasMessageContaining("Access Denied");
    HttpClient http = HttpClient.newHttpClient();
    URI table = URI.create(config.icebergRestUrl() + "/v1/security/namespaces/security/tables/detections");
    HttpResponse<String> ana = http.send(HttpRequest.newBuilder(table)
        .header("Authorization", "Bearer " + token("ana")).GET().build(), BodyHandlers.ofString());
    assertThat(ana.statusCode()).isEqualTo(403);
    assertThat(ana.body()).doesNotContain("metadata/");
    HttpResponse<String> steward = http.send(HttpRequest.newBuilder(table)
        .header("Authorization", "Bearer " + token("steward-security")).GET().build(), BodyHandlers.ofString());
    assertThat(steward.statusCode()).isEqualTo(200);
    assertThat(steward.body()).contains("metadata-location");
  }
}

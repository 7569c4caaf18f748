package org.dnsmesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.PostgresDatabase;
import org.dnsmesh.infra.stack.Ports;
import org.dnsmesh.infra.stack.StackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton, end to end on the real stack: tables created through the catalog service's Iceberg
 * REST API in two domains, rows written with the Iceberg Java API, read back by Trino in one cross-catalog
 * join, and every process stopped at the end.
 */
@Tag("e2e")
class FederatedQueryIT {
  private static StackConfig config;
  private static MeshStack stack;
  private static Duration startTime;

  @BeforeAll
  static void up() throws Exception {
    Path state = Files.createTempDirectory("dnsmesh-e2e-");
    config = StackConfig.fromEnvironment(EphemeralKafka.projectHome())
        .withStateDir(state)
        .withDatabase("dnsmesh_test_e2e")
        .withPorts(Ports.findFree(), Ports.findFree(), Ports.findFree(), Ports.findFree());
    new PostgresDatabase(config.postgres()).dropDatabase();
    stack = new MeshStack(config, message -> System.out.println("[mesh] " + message));
    startTime = stack.up();
    System.out.printf("[mesh] stack ready in %.1f s%n", startTime.toMillis() / 1000.0);
  }

  @AfterAll
  static void down() {
    if (stack == null) {
      return;
    }
    List<String> stopped = stack.down();
    System.out.println("[mesh] stopped " + stopped);
    assertThat(stack.status()).allSatisfy(status -> assertThat(status.pid()).isNull());
    assertThat(Ports.isFree(config.trinoPort())).isTrue();
    assertThat(Ports.isFree(config.catalogPort())).isTrue();
    assertThat(Ports.isFree(config.kafkaPort())).isTrue();
  }

  private static RESTCatalog catalog(String domain, String principal, String role) {
    RESTCatalog catalog = new RESTCatalog();
    String token = stack.tokens().mint(principal, List.of(role), List.of(domain), Duration.ofHours(1));
    catalog.initialize(domain, Map.of(
        "uri", config.icebergRestUrl(),
        "warehouse", domain,
        "token", token,
        "io-impl", LocalFileIO.class.getName()));
    return catalog;
  }

  @Test
  void rowsWrittenInTwoDomainsJoinInOneTrinoQuery() throws Exception {
    OffsetDateTime hour = OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC);

    try (RESTCatalog na = catalog("na", "publisher-na", "publisher")) {
      na.createNamespace(Namespace.of("resolver"));
      Schema schema = new Schema(
          Types.NestedField.required(1, "event_ts", Types.TimestampType.withZone()),
          Types.NestedField.required(2, "query_name", Types.StringType.get()),
          Types.NestedField.required(3, "zone", Types.StringType.get()),
          Types.NestedField.required(4, "rcode", Types.StringType.get()),
          Types.NestedField.optional(5, "latency_ms", Types.IntegerType.get()));
      Table queries = na.createTable(TableIdentifier.of("resolver", "queries"), schema);
      List<Record> rows = new ArrayList<>();
      String[][] data = {
          {"www.example.com", "example.com", "NOERROR", "12"},
          {"mail.example.com", "example.com", "NOERROR", "20"},
          {"nope.example.com", "example.com", "NXDOMAIN", "31"},
          {"www.example.org", "example.org", "NOERROR", "8"},
          {"x1.example.org", "example.org", "NXDOMAIN", "45"},
          {"x2.example.org", "example.org", "NXDOMAIN", "50"},
          {"api.unknown.net", "unknown.net", "SERVFAIL", "900"}};
      for (int i = 0; i < data.length; i++) {
        GenericRecord row = GenericRecord.create(schema);
        row.setField("event_ts", hour.plusMinutes(i));
        row.setField("query_name", data[i][0]);
        row.setField("zone", data[i][1]);
        row.setField("rcode", data[i][2]);
        row.setField("latency_ms", Integer.parseInt(data[i][3]));
        rows.add(row);
      }
      IcebergAppender.append(queries, rows);
      assertThat(na.loadTable(TableIdentifier.of("resolver", "queries")).currentSnapshot().summary())
          .containsEntry("added-records", "7");
    }

    try (RESTCatalog eu = catalog("eu", "publisher-eu", "publisher")) {
      eu.createNamespace(Namespace.of("authoritative"));
      Schema schema = new Schema(
          Types.NestedField.required(1, "zone", Types.StringType.get()),
          Types.NestedField.required(2, "operator", Types.StringType.get()),
          Types.NestedField.required(3, "dnssec_signed", Types.BooleanType.get()));
      Table zones = eu.createTable(TableIdentifier.of("authoritative", "zones"), schema);
      List<Record> rows = new ArrayList<>();
      for (Object[] zone : new Object[][] {{"example.com", "ops-eu-1", true}, {"example.org", "ops-eu-2", false}}) {
        GenericRecord row = GenericRecord.create(schema);
        row.setField("zone", zone[0]);
        row.setField("operator", zone[1]);
        row.setField("dnssec_signed", zone[2]);
        rows.add(row);
      }
      IcebergAppender.append(zones, rows);
    }

    Properties properties = new Properties();
    properties.setProperty("user", "e2e-analyst");
    Map<String, List<Object>> result = new LinkedHashMap<>();
    try (Connection trino = DriverManager.getConnection(config.trinoJdbcUrl(), properties);
        Statement statement = trino.createStatement();
        ResultSet rows = statement.executeQuery("""
            SELECT z.operator, z.dnssec_signed, count(*) AS queries,
                   count_if(q.rcode = 'NXDOMAIN') AS nxdomain, max(q.latency_ms) AS max_latency_ms
            FROM na.resolver.queries q
            JOIN eu.authoritative.zones z ON q.zone = z.zone
            GROUP BY z.operator, z.dnssec_signed
            ORDER BY z.operator""")) {
      while (rows.next()) {
        result.put(rows.getString("operator"), List.of(rows.getBoolean("dnssec_signed"), rows.getLong("queries"),
            rows.getLong("nxdomain"), rows.getInt("max_latency_ms")));
      }
    }
    assertThat(result).containsExactly(
        Map.entry("ops-eu-1", List.of(true, 3L, 1L, 31)),
        Map.entry("ops-eu-2", List.of(false, 3L, 2L, 50)));
  }
}

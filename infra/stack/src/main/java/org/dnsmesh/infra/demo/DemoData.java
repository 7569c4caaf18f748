package org.dnsmesh.infra.demo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import org.dnsmesh.infra.stack.DevTokens;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.infra.stack.StackException;

/**
 * Seed tables for a fresh mesh, written through the catalog service's Iceberg REST API as the domains'
 * publishers: a few resolver queries in {@code na} and the zones they belong to in {@code eu}, so that the
 * federated query printed by `mesh up` answers at once. Idempotent: existing tables are left alone.
 */
public final class DemoData {
  public static final TableIdentifier QUERIES = TableIdentifier.of("resolver", "queries");
  public static final TableIdentifier ZONES = TableIdentifier.of("authoritative", "zones");

  /** The query `mesh up` prints; the end-to-end test asserts its exact answer. */
  public static final String SAMPLE_QUERY = """
      SELECT z.operator, z.dnssec_signed, count(*) AS queries,
             count_if(q.rcode = 'NXDOMAIN') AS nxdomain, max(q.latency_ms) AS max_latency_ms
      FROM na.resolver.queries q
      JOIN eu.authoritative.zones z ON q.zone = z.zone
      GROUP BY z.operator, z.dnssec_signed
      ORDER BY z.operator""";

  static final Schema QUERIES_SCHEMA = new Schema(
      Types.NestedField.required(1, "event_ts", Types.TimestampType.withZone()),
      Types.NestedField.required(2, "query_name", Types.StringType.get()),
      Types.NestedField.required(3, "zone", Types.StringType.get()),
      Types.NestedField.required(4, "rcode", Types.StringType.get()),
      Types.NestedField.optional(5, "latency_ms", Types.IntegerType.get()));

  static final Schema ZONES_SCHEMA = new Schema(
      Types.NestedField.required(1, "zone", Types.StringType.get()),
      Types.NestedField.required(2, "operator", Types.StringType.get()),
      Types.NestedField.required(3, "dnssec_signed", Types.BooleanType.get()));

  private final StackConfig config;
  private final DevTokens tokens;

  public DemoData(StackConfig config, DevTokens tokens) {
    this.config = config;
    this.tokens = tokens;
  }

  /** Writes the demo tables that are missing; returns the tables it wrote. */
  public List<String> seed() {
    if (!config.domains().containsAll(List.of("na", "eu"))) {
      return List.of();
    }
    List<String> written = new ArrayList<>();
    try (RESTCatalog na = catalog("na")) {
      if (!na.tableExists(QUERIES)) {
        if (!na.namespaceExists(QUERIES.namespace())) {
          na.createNamespace(QUERIES.namespace(), new HashMap<>(Map.of("comment", "demo resolver queries")));
        }
        Table table = na.createTable(QUERIES, QUERIES_SCHEMA);
        IcebergAppender.append(table, queries());
        written.add("na." + QUERIES);
      }
    } catch (Exception e) {
      throw new StackException("Writing the demo table na." + QUERIES + " failed: " + e.getMessage(), e);
    }
    try (RESTCatalog eu = catalog("eu")) {
      if (!eu.tableExists(ZONES)) {
        if (!eu.namespaceExists(ZONES.namespace())) {
          eu.createNamespace(ZONES.namespace(), new HashMap<>(Map.of("comment", "demo authoritative zones")));
        }
        Table table = eu.createTable(ZONES, ZONES_SCHEMA);
        IcebergAppender.append(table, zones());
        written.add("eu." + ZONES);
      }
    } catch (Exception e) {
      throw new StackException("Writing the demo table eu." + ZONES + " failed: " + e.getMessage(), e);
    }
    return written;
  }

  private RESTCatalog catalog(String domain) {
    RESTCatalog catalog = new RESTCatalog();
    String token = tokens.mint("publisher-" + domain, List.of("publisher"), List.of(domain), Duration.ofMinutes(10));
    catalog.initialize(domain, Map.of(
        "uri", config.icebergRestUrl(),
        "warehouse", domain,
        "token", token,
        "io-impl", LocalFileIO.class.getName(),
        "rest-metrics-reporting-enabled", "false"));
    return catalog;
  }

  static List<Record> queries() {
    OffsetDateTime hour = OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC);
    String[][] data = {
        {"www.example.com", "example.com", "NOERROR", "12"},
        {"mail.example.com", "example.com", "NOERROR", "20"},
        {"nope.example.com", "example.com", "NXDOMAIN", "31"},
        {"www.example.org", "example.org", "NOERROR", "8"},
        {"x1.example.org", "example.org", "NXDOMAIN", "45"},
        {"x2.example.org", "example.org", "NXDOMAIN", "50"},
        {"api.unknown.net", "unknown.net", "SERVFAIL", "900"}};
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < data.length; i++) {
      GenericRecord row = GenericRecord.create(QUERIES_SCHEMA);
      row.setField("event_ts", hour.plusMinutes(i));
      row.setField("query_name", data[i][0]);
      row.setField("zone", data[i][1]);
      row.setField("rcode", data[i][2]);
      row.setField("latency_ms", Integer.parseInt(data[i][3]));
      rows.add(row);
    }
    return rows;
  }

  static List<Record> zones() {
    List<Record> rows = new ArrayList<>();
    for (Object[] zone : new Object[][] {{"example.com", "ops-eu-1", true}, {"example.org", "ops-eu-2", false}}) {
      GenericRecord row = GenericRecord.create(ZONES_SCHEMA);
      row.setField("zone", zone[0]);
      row.setField("operator", zone[1]);
      row.setField("dnssec_signed", zone[2]);
      rows.add(row);
    }
    return rows;
  }
}

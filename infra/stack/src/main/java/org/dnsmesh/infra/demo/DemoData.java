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
 * publishers: resolver queries in {@code na} and authoritative responses in {@code eu}, so that the
 * federated query printed by `mesh up` answers at once. Idempotent: existing tables are left alone.
 */
public final class DemoData {
  public static final TableIdentifier QUERIES = TableIdentifier.of("resolver", "queries");
  public static final TableIdentifier RESPONSES = TableIdentifier.of("authoritative", "responses");

  /**
   * The query `mesh up` prints: both domains' catalogs in one statement. What each principal gets back is
   * policy: an analyst scoped to a region sees only that region's rows; a principal without a grant is denied.
   * The end-to-end test asserts its exact answer per principal.
   */
  public static final String SAMPLE_QUERY = """
      SELECT 'na' AS domain, region, rcode, count(*) AS answers FROM na.resolver.queries GROUP BY region, rcode
      UNION ALL
      SELECT 'eu', region, rcode, count(*) FROM eu.authoritative.responses GROUP BY region, rcode
      ORDER BY 1, 2, 3""";

  /** Column names and types as classified in governance/policies/demo-tables.yaml. */
  static final Schema QUERIES_SCHEMA = new Schema(
      Types.NestedField.required(1, "ts", Types.TimestampType.withZone()),
      Types.NestedField.required(2, "client_ip", Types.StringType.get()),
      Types.NestedField.optional(3, "client_id", Types.StringType.get()),
      Types.NestedField.required(4, "qname", Types.StringType.get()),
      Types.NestedField.required(5, "qtype", Types.StringType.get()),
      Types.NestedField.required(6, "rcode", Types.StringType.get()),
      Types.NestedField.optional(7, "latency_ms", Types.IntegerType.get()),
      Types.NestedField.optional(8, "resolver_id", Types.StringType.get()),
      Types.NestedField.required(9, "region", Types.StringType.get()));

  static final Schema RESPONSES_SCHEMA = new Schema(
      Types.NestedField.required(1, "ts", Types.TimestampType.withZone()),
      Types.NestedField.required(2, "source_ip", Types.StringType.get()),
      Types.NestedField.required(3, "zone", Types.StringType.get()),
      Types.NestedField.required(4, "qname", Types.StringType.get()),
      Types.NestedField.required(5, "rcode", Types.StringType.get()),
      Types.NestedField.required(6, "region", Types.StringType.get()));

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
      if (!eu.tableExists(RESPONSES)) {
        if (!eu.namespaceExists(RESPONSES.namespace())) {
          eu.createNamespace(RESPONSES.namespace(), new HashMap<>(Map.of("comment", "demo authoritative responses")));
        }
        Table table = eu.createTable(RESPONSES, RESPONSES_SCHEMA);
        IcebergAppender.append(table, responses());
        written.add("eu." + RESPONSES);
      }
    } catch (Exception e) {
      throw new StackException("Writing the demo table eu." + RESPONSES + " failed: " + e.getMessage(), e);
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
        "rest.auth.type", "oauth2",
        "oauth2-server-uri", config.icebergRestUrl() + "/v1/oauth/tokens",
        "io-impl", LocalFileIO.class.getName(),
        "rest-metrics-reporting-enabled", "false"));
    return catalog;
  }

  static List<Record> queries() {
    OffsetDateTime hour = OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC);
    String[][] data = {
        // client_ip, client_id, qname, qtype, rcode, latency_ms, region
        {"198.51.100.23", "c-7f3a", "www.example.com", "A", "NOERROR", "12", "na"},
        {"198.51.100.23", "c-7f3a", "nope.example.com", "A", "NXDOMAIN", "31", "na"},
        {"203.0.113.9", "c-1b2c", "mail.example.org", "MX", "NOERROR", "20", "na"},
        {"192.0.2.77", "c-9d8e", "x1.example.org", "AAAA", "NXDOMAIN", "45", "eu"},
        {"192.0.2.78", "c-9d8f", "api.example.net", "A", "SERVFAIL", "900", "eu"}};
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < data.length; i++) {
      GenericRecord row = GenericRecord.create(QUERIES_SCHEMA);
      row.setField("ts", hour.plusMinutes(i));
      row.setField("client_ip", data[i][0]);
      row.setField("client_id", data[i][1]);
      row.setField("qname", data[i][2]);
      row.setField("qtype", data[i][3]);
      row.setField("rcode", data[i][4]);
      row.setField("latency_ms", Integer.parseInt(data[i][5]));
      row.setField("resolver_id", "resolver-" + (i % 2));
      row.setField("region", data[i][6]);
      rows.add(row);
    }
    return rows;
  }

  static List<Record> responses() {
    OffsetDateTime hour = OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC);
    String[][] data = {
        // source_ip, zone, qname, rcode, region
        {"192.0.2.10", "example.org", "x1.example.org", "NXDOMAIN", "eu"},
        {"192.0.2.11", "example.org", "mail.example.org", "NOERROR", "eu"},
        {"192.0.2.12", "example.net", "api.example.net", "NOERROR", "eu"},
        {"198.51.100.5", "example.com", "www.example.com", "NOERROR", "na"}};
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < data.length; i++) {
      GenericRecord row = GenericRecord.create(RESPONSES_SCHEMA);
      row.setField("ts", hour.plusMinutes(i));
      row.setField("source_ip", data[i][0]);
      row.setField("zone", data[i][1]);
      row.setField("qname", data[i][2]);
      row.setField("rcode", data[i][3]);
      row.setField("region", data[i][4]);
      rows.add(row);
    }
    return rows;
  }
}

package org.dnsmesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.rest.RESTCatalog;
import org.dnsmesh.infra.demo.DemoData;
import org.dnsmesh.infra.iceberg.IcebergAppender;
import org.dnsmesh.infra.iceberg.LocalFileIO;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.PostgresDatabase;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.infra.stack.TrinoServer;
import org.dnsmesh.lifecycle.LifecycleAudit;
import org.dnsmesh.lifecycle.LifecycleException;
import org.dnsmesh.lifecycle.LifecycleRunner;
import org.dnsmesh.lifecycle.TableReport;
import org.dnsmesh.lifecycle.TableRetention;
import org.dnsmesh.lifecycle.TableVersions;
import org.dnsmesh.lifecycle.TrinoConnections;
import org.dnsmesh.lifecycle.TrinoTable;
import org.dnsmesh.lifecycle.TrinoTableMaintenance;
import org.dnsmesh.productkit.lineage.OpenLineageEmitter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 18 on the real stack: retention enforced through Trino as the maintenance principal {@code lifecycle}.
 * The demo table {@code na.resolver.queries} gets rows 40, 60 and 100 days old on top of its 14-day-old demo rows;
 * with a 30-day retention exactly the old rows go (expected counts computed here from the rows inserted), time
 * travel to the snapshot before the delete still returns them (under the analyst's row filter and masks), an
 * orphan file is removed while every file a live snapshot references stays, each run is in the audit log, and
 * nobody but a principal managing the table can run it or record it.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleIT {
  private static final TrinoTable TABLE = new TrinoTable("na", "resolver", "queries");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static StackConfig config;
  private static MeshStack stack;
  private static final Instant NOW = Instant.now();
  /** {@code (days old, region)} of the rows this test adds. */
  private static final int[][] ADDED = {{40, 0}, {60, 1}, {100, 0}, {100, 1}, {2, 1}, {20, 0}};
  private static long snapshotBeforeDelete;

  @BeforeAll
  static void up() throws Exception {
    System.setProperty(TrinoServer.EXPIRE_SNAPSHOTS_MIN_RETENTION, "0s");
    config = E2eStacks.config("dnsmesh_test_lifecycle", "dnsmesh-lifecycle-");
    stack = E2eStacks.up(config);
    new DemoData(config, stack.tokens()).seed();
    // written like a pipeline writes, through the catalog's Iceberg REST API, one commit per row (several snapshots
    // and files); Trino refuses INSERT to principals with masked columns (root sees client_ip cut to /24)
    for (int[] row : ADDED) {
      append(NOW.minus(Duration.ofDays(row[0])).truncatedTo(ChronoUnit.SECONDS), "old" + row[0] + ".example",
          row[1] == 0 ? "na" : "eu");
    }
  }

  private static void append(Instant ts, String qname, String region) {
    try (RESTCatalog na = new RESTCatalog()) {
      na.initialize("na", Map.of("uri", config.icebergRestUrl(), "warehouse", "na",
          "token", stack.tokens().mint("publisher-na", List.of("publisher"), List.of("na"), Duration.ofMinutes(10)),
          "rest.auth.type", "oauth2", "oauth2-server-uri", config.icebergRestUrl() + "/v1/oauth/tokens",
          "io-impl", LocalFileIO.class.getName(), "rest-metrics-reporting-enabled", "false"));
      Table table = na.loadTable(DemoData.QUERIES);
      GenericRecord record = GenericRecord.create(table.schema());
      record.setField("ts", ts.atOffset(ZoneOffset.UTC));
      record.setField("client_ip", "192.0.2.10");
      record.setField("client_id", "c-old");
      record.setField("qname", qname);
      record.setField("qtype", "A");
      record.setField("rcode", "NOERROR");
      record.setField("latency_ms", 5);
      record.setField("resolver_id", "resolver-9");
      record.setField("region", region);
      // what the product kit writes into every commit's summary (CommitProperties): contract version and run id
      IcebergAppender.append(table, List.of(record), Map.of("dnsmesh.contract.version", "1.0.0",
          "dnsmesh.lineage.run-id", UUID.nameUUIDFromBytes(qname.getBytes(java.nio.charset.StandardCharsets.UTF_8))
              .toString()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  static void down() {
    System.clearProperty(TrinoServer.EXPIRE_SNAPSHOTS_MIN_RETENTION);
    if (stack != null) {
      stack.down();
    }
  }

  private static String token(String principal, String role) {
    return stack.tokens().mint(principal, List.of(role), List.of(), Duration.ofMinutes(10));
  }

  private static Connection connect(String accessToken) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("accessToken", accessToken);
    return DriverManager.getConnection(config.trinoJdbcUrl(), properties);
  }

  private static List<List<Object>> query(String accessToken, String sql) throws SQLException {
    List<List<Object>> result = new ArrayList<>();
    try (Connection trino = connect(accessToken); Statement statement = trino.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rows.getObject(i));
        }
        result.add(row);
      }
    }
    return result;
  }

  private static long count(String accessToken, String sql) throws SQLException {
    return ((Number) query(accessToken, sql).getFirst().getFirst()).longValue();
  }

  /** 30 days, cut on whole days as for a table partitioned by day(ts); time travel as the argument says. */
  private static TableRetention retention(Duration timeTravel) {
    return new TableRetention(TABLE, "ts", Duration.ofDays(30), timeTravel, ChronoUnit.DAYS, "1.0.0",
        "table retention 30d");
  }

  /** Independent of TableRetention: rows older than the start of the UTC day 30 days ago. */
  private static long expectedExpired() {
    Instant cutoff = LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant();
    long expired = 0;
    for (int[] row : ADDED) {
      if (NOW.minus(Duration.ofDays(row[0])).truncatedTo(ChronoUnit.SECONDS).isBefore(cutoff)) {
        expired++;
      }
    }
    return expired; // the five demo rows are from 2026-11-23: kept unless this runs after 2026-12-23
  }

  private static LifecycleRunner runner(String principal, String role, Duration orphanAge) {
    String token = token(principal, role);
    return new LifecycleRunner(new TrinoTableMaintenance(TrinoConnections.withToken(config.trinoJdbcUrl(), () -> token),
        orphanAge), new LifecycleAudit(URI.create(config.catalogUrl()), () -> token), new OpenLineageEmitter(URI.create(config.catalogUrl()), "/api/v1/lineage", () -> token),
        Clock.systemUTC());
  }

  @Test
  @Order(1)
  void dryRunCountsWhatWouldGoAndChangesNothing() throws Exception {
    String root = token("root", "admin");
    long before = count(root, "SELECT count(*) FROM " + TABLE.sql());
    assertThat(before).isEqualTo(5 + ADDED.length);
    List<LifecycleRunner.Outcome> outcomes = runner("lifecycle", "maintenance", Duration.ofDays(7))
        .run(List.of(retention(Duration.ofDays(7))), true);
    assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.error()).isNull());
    TableReport report = outcomes.getFirst().report();
    assertThat(report.dryRun()).isTrue();
    assertThat(report.expiredRows()).isEqualTo(expectedExpired()).isEqualTo(4);
    assertThat(report.rowsRemoved()).isZero();
    assertThat(count(root, "SELECT count(*) FROM " + TABLE.sql())).isEqualTo(before);
    assertThat(outcomes.getFirst().auditSequence()).isPositive();
  }

  @Test
  @Order(2)
  void versioningReportListsEachSnapshotWithContractVersionRunIdAndRows() throws Exception {
    List<TableVersions.Version> versions = TableVersions.of(TrinoConnections.withToken(config.trinoJdbcUrl(),
        () -> token("lifecycle", "maintenance")), TABLE);
    assertThat(versions).hasSize(1 + ADDED.length);
    List<TableVersions.Version> added = versions.subList(1, versions.size());
    for (int i = 0; i < ADDED.length; i++) {
      TableVersions.Version version = added.get(i);
      assertThat(version.contractVersion()).isEqualTo("1.0.0");
      assertThat(version.runId()).isEqualTo(UUID.nameUUIDFromBytes(("old" + ADDED[i][0] + ".example")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
      assertThat(version.totalRecords()).isEqualTo(5L + i + 1);
      assertThat(version.addedRecords()).isEqualTo(1L);
      assertThat(version.parentId()).isEqualTo(versions.get(i).snapshotId());
      assertThat(version.operation()).isEqualTo("append");
    }
    // each version answers with its own row count (as of that snapshot, and as of its commit time)
    String nora = token("nora", "steward");
    for (TableVersions.Version version : versions) {
      assertThat(count(nora, "SELECT count(*) FROM " + TABLE.sql() + " FOR VERSION AS OF " + version.snapshotId()))
          .isEqualTo(version.totalRecords());
    }
  }

  @Test
  @Order(2)
  void otherPrincipalsCannotRunMaintenanceNorRecordIt() throws Exception {
    for (String[] who : new String[][] {{"ana", "analyst"}, {"kenji", "publisher"}, {"nora", "steward"}}) {
      String token = token(who[0], who[1]);
      assertThatThrownBy(() -> query(token, "DELETE FROM " + TABLE.sql() + " WHERE ts < TIMESTAMP '2000-01-01 UTC'"))
          .as(who[0] + " deletes").isInstanceOf(SQLException.class).hasMessageContaining("Access Denied");
      // table procedures: see readOnlyReadersCannotRunTableProcedures (nora, a reader without a row filter, can)
      for (String procedure : who[0].equals("nora") ? List.<String>of() : List.of("expire_snapshots(retention_threshold => '7d')",
          "remove_orphan_files(retention_threshold => '7d')", "optimize")) {
        // refused by the access rules, or (ana, row-filtered) by Trino before it asks them
        assertThatThrownBy(() -> query(token, "ALTER TABLE " + TABLE.sql() + " EXECUTE " + procedure))
            .as(who[0] + " " + procedure).isInstanceOf(SQLException.class)
            .hasMessageMatching("(?s).*(Access Denied|not supported for table with row filter).*");
      }
      assertThatThrownBy(() -> query(token, "SELECT count(*) FROM " + TABLE.metadataTable("snapshots")))
          .as(who[0] + " reads the snapshots").isInstanceOf(SQLException.class).hasMessageContaining("Access Denied");
      List<LifecycleRunner.Outcome> outcomes = runner(who[0], who[1], Duration.ofDays(7))
          .run(List.of(retention(Duration.ofDays(7))), false);
      assertThat(outcomes.getFirst().failed()).as(who[0] + " runs the lifecycle").isTrue();
      LifecycleAudit audit = new LifecycleAudit(URI.create(config.catalogUrl()), () -> token);
      TableReport fake = new TableReport(TABLE, "forged", "1.0.0", NOW, NOW, false, 1, 1, 0, 1, 0, 1, 1, 1, 0);
      assertThatThrownBy(() -> audit.record(UUID.randomUUID(), fake)).as(who[0] + " records a run")
          .isInstanceOf(LifecycleException.class).hasMessageContaining("HTTP 403");
    }
    assertThat(count(token("root", "admin"), "SELECT count(*) FROM " + TABLE.sql())).isEqualTo(5 + ADDED.length);
    assertThat(count(token("lifecycle", "maintenance"), "SELECT count(*) FROM " + TABLE.metadataTable("snapshots")))
        .as("nothing expired").isEqualTo(1 + ADDED.length);
  }

  /**
   * Trino 476's file-based access control does not check {@code ALTER TABLE EXECUTE} ({@code
   * checkCanExecuteTableProcedure} allows everything): this test found that the steward nora, read-only on na,
   * could run optimize, expire_snapshots and remove_orphan_files. The mesh's guard (infra/trino-auth
   * {@code TableProcedureGuard}, listed after the file rules) now allows them only to who owns the table.
   */
  @Test
  @Order(2)
  void readOnlyReadersCannotRunTableProcedures() {
    String nora = token("nora", "steward");
    for (String procedure : List.of("expire_snapshots(retention_threshold => '7d')",
        "remove_orphan_files(retention_threshold => '7d')", "optimize")) {
      assertThatThrownBy(() -> query(nora, "ALTER TABLE " + TABLE.sql() + " EXECUTE " + procedure))
          .as("nora " + procedure).isInstanceOf(SQLException.class).hasMessageContaining("Access Denied");
    }
  }

  /**
   * Iceberg's {@code CALL system.rollback_to_snapshot} / {@code unregister_table} name their table in arguments no
   * access rule sees and would commit under Trino's own catalog identity (which writes every domain). Trino 476's file
   * rules allow a CALL procedure only through a {@code procedures} rule, and the compiled rules carry none: refused
   * to everyone, the table's managers included (they use {@code ALTER TABLE ... EXECUTE}, guarded above).
   */
  @Test
  @Order(2)
  void nobodyRollsATableBackThroughACallProcedure() throws Exception {
    String root = token("root", "admin");
    String lifecycle = token("lifecycle", "maintenance");
    List<List<Object>> snapshots = query(lifecycle, "SELECT snapshot_id FROM " + TABLE.metadataTable("snapshots")
        + " ORDER BY committed_at");
    assertThat(snapshots).as("a history to roll back to").hasSize(1 + ADDED.length);
    long first = ((Number) snapshots.getFirst().getFirst()).longValue();
    for (String[] who : new String[][] {{"ana", "analyst"}, {"kenji", "publisher"}, {"nora", "steward"},
        {"lifecycle", "maintenance"}, {"root", "admin"}}) {
      String token = token(who[0], who[1]);
      for (String call : List.of("CALL na.system.rollback_to_snapshot('resolver', 'queries', " + first + ")",
          "CALL na.system.unregister_table('resolver', 'queries')")) {
        assertThatThrownBy(() -> query(token, call)).as(who[0] + ": " + call).isInstanceOf(SQLException.class)
            .hasMessageContaining("Access Denied");
      }
    }
    assertThat(count(root, "SELECT count(*) FROM " + TABLE.sql())).as("not rolled back").isEqualTo(5 + ADDED.length);
  }

  @Test
  @Order(3)
  void runDeletesExactlyTheExpiredRowsRemovesOrphansAndKeepsTimeTravelInTheWindow() throws Exception {
    String root = token("root", "admin");
    String lifecycle = token("lifecycle", "maintenance"); // Iceberg's metadata tables: managers with a clear view only
    snapshotBeforeDelete = ((Number) query(lifecycle, "SELECT snapshot_id FROM " + TABLE.metadataTable("snapshots")
        + " ORDER BY committed_at DESC LIMIT 1").getFirst().getFirst()).longValue();
    String nora = token("nora", "steward"); // steward of na: qname in clear (root sees it NULL)
    List<String> kept = query(nora, "SELECT qname FROM " + TABLE.sql() + " WHERE ts >= from_iso8601_timestamp('"
        + LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant()
        + "') ORDER BY qname").stream().map(r -> (String) r.getFirst()).toList();
    // an orphan: a file in the table's data folder no snapshot references, 10 days old
    Path dataFile = Path.of(URI.create(fileUri((String) query(lifecycle, "SELECT file_path FROM "
        + TABLE.metadataTable("files") + " LIMIT 1").getFirst().getFirst())));
    Path orphan = dataFile.resolveSibling("orphan-" + UUID.randomUUID() + ".parquet");
    Files.writeString(orphan, "not referenced by any snapshot");
    Files.setLastModifiedTime(orphan, FileTime.from(NOW.minus(Duration.ofDays(10))));
    Path young = dataFile.resolveSibling("in-flight-" + UUID.randomUUID() + ".parquet");
    Files.writeString(young, "a write in progress: younger than the orphan age");

    List<LifecycleRunner.Outcome> outcomes = runner("lifecycle", "maintenance", Duration.ofDays(7))
        .run(List.of(retention(Duration.ofDays(7))), false);
    assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.error()).isNull());
    TableReport report = outcomes.getFirst().report();
    assertThat(report.expiredRows()).isEqualTo(expectedExpired());
    assertThat(report.rowsRemoved()).isEqualTo(expectedExpired());
    assertThat(report.rowsAfter()).isEqualTo(5 + ADDED.length - expectedExpired());
    assertThat(query(nora, "SELECT qname FROM " + TABLE.sql() + " ORDER BY qname").stream()
        .map(r -> (String) r.getFirst()).toList()).as("the rest is untouched").isEqualTo(kept);
    assertThat(orphan).doesNotExist();
    assertThat(young).exists();
    for (List<Object> file : query(lifecycle, "SELECT file_path FROM " + TABLE.metadataTable("files"))) {
      assertThat(Path.of(URI.create(fileUri((String) file.getFirst())))).as("referenced by the live snapshot").exists();
    }
    // inside the 7-day window the snapshot before the delete is still there: the historical answer, masked
    assertThat(count(root, "SELECT count(*) FROM " + TABLE.sql() + " FOR VERSION AS OF " + snapshotBeforeDelete))
        .isEqualTo(5 + ADDED.length);
    String ana = token("ana", "analyst");
    long euRowsBefore = 2 + java.util.Arrays.stream(ADDED).filter(r -> r[1] == 1).count();
    List<List<Object>> historical = query(ana, "SELECT region, qname, client_ip FROM " + TABLE.sql()
        + " FOR VERSION AS OF " + snapshotBeforeDelete);
    assertThat(historical).as("ana's row filter and masks hold in the past").hasSize((int) euRowsBefore)
        .allSatisfy(row -> {
          assertThat(row.get(0)).isEqualTo("eu");
          assertThat(row.get(1)).isNull();
          assertThat((String) row.get(2)).endsWith(".0");
        });
    long committed = ((Number) query(lifecycle, "SELECT to_unixtime(committed_at) * 1000 FROM "
        + TABLE.metadataTable("snapshots") + " WHERE snapshot_id = " + snapshotBeforeDelete).getFirst().getFirst())
        .longValue();
    String timestamp = Instant.ofEpochMilli(committed).plusMillis(1).toString();
    assertThat(query(ana, "SELECT count(*) FROM " + TABLE.sql() + " FOR TIMESTAMP AS OF from_iso8601_timestamp('"
        + timestamp + "')").getFirst().getFirst()).isEqualTo(euRowsBefore);
    Files.deleteIfExists(young);
  }

  @Test
  @Order(4)
  void snapshotsOlderThanTheWindowExpireAndTimeTravelToThemEnds() throws Exception {
    String root = token("root", "admin");
    long rows = count(root, "SELECT count(*) FROM " + TABLE.sql());
    List<LifecycleRunner.Outcome> outcomes = runner("lifecycle", "maintenance", Duration.ofDays(7))
        .run(List.of(retention(Duration.ZERO)), false);
    assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.error()).isNull());
    TableReport report = outcomes.getFirst().report();
    assertThat(report.snapshotsAfter()).isEqualTo(1);
    assertThat(report.snapshotsRemoved()).isEqualTo(report.snapshotsBefore() - 1);
    assertThat(count(root, "SELECT count(*) FROM " + TABLE.sql())).isEqualTo(rows);
    assertThatThrownBy(() -> query(root, "SELECT count(*) FROM " + TABLE.sql() + " FOR VERSION AS OF "
        + snapshotBeforeDelete)).isInstanceOf(SQLException.class);
    for (List<Object> file : query(token("lifecycle", "maintenance"), "SELECT file_path FROM "
        + TABLE.metadataTable("files"))) {
      assertThat(Path.of(URI.create(fileUri((String) file.getFirst())))).exists();
    }
  }

  @Test
  @Order(5)
  void everyRunIsInTheAuditLog() throws Exception {
    HttpResponse<String> response;
    try (HttpClient http = HttpClient.newHttpClient()) {
      response = http.send(HttpRequest.newBuilder(URI.create(config.catalogUrl() + "/api/v1/audit?from=1&limit=1000"))
          .header("Authorization", "Bearer " + token("grace", "governance")).build(), HttpResponse.BodyHandlers.ofString());
    }
    assertThat(response.statusCode()).isEqualTo(200);
    List<JsonNode> runs = new ArrayList<>();
    JSON.readTree(response.body()).forEach(entry -> {
      if (entry.path("action").asText().startsWith("lifecycle.")) {
        runs.add(entry);
      }
    });
    assertThat(runs).extracting(e -> e.path("action").asText())
        .containsExactly("lifecycle.dry-run", "lifecycle.run", "lifecycle.run");
    assertThat(runs).allSatisfy(e -> {
      assertThat(e.path("actor").asText()).isEqualTo("lifecycle");
      assertThat(e.path("subject").asText()).isEqualTo("table:na.resolver.queries");
    });
    JsonNode details = JSON.readTree(runs.get(1).path("details").asText());
    assertThat(details.path("rowsRemoved").asLong()).isEqualTo(expectedExpired());
    assertThat(details.path("cutoff").asText()).isNotBlank();
    assertThat(details.path("runId").asText()).isNotBlank();
    // and as OpenLineage runs of the job <schema>.lifecycle in the table's domain, with the table as output
    try (HttpClient http = HttpClient.newHttpClient()) {
      response = http.send(HttpRequest.newBuilder(URI.create(config.catalogUrl()
              + "/api/v1/lineage?type=job&namespace=na&name=resolver.lifecycle&depth=1"))
          .header("Authorization", "Bearer " + token("root", "admin")).build(), HttpResponse.BodyHandlers.ofString());
    }
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("resolver.queries");
  }

  @Test
  @Order(6)
  void compactionAlongsideLiveIngestionKeepsEveryRowAndTheAnswers() throws Exception {
    String nora = token("nora", "steward");
    for (int i = 0; i < 8; i++) { // small files, one commit each
      append(NOW.minus(Duration.ofDays(1)).plusSeconds(i), "small" + i + ".example", i % 2 == 0 ? "na" : "eu");
    }
    String typical = "SELECT region, rcode, count(*), count(DISTINCT qname) FROM " + TABLE.sql()
        + " GROUP BY region, rcode ORDER BY region, rcode";
    List<List<Object>> answerBefore = query(nora, typical);
    long rowsBefore = count(nora, "SELECT count(*) FROM " + TABLE.sql());
    int concurrent = 6;
    java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor();
    java.util.concurrent.Future<?> writes = writer.submit(() -> {
      for (int i = 0; i < concurrent; i++) { // a pipeline committing while compaction runs
        append(NOW.minus(Duration.ofHours(1)).plusSeconds(i), "live" + i + ".example", "na");
      }
    });
    org.dnsmesh.lifecycle.CompactionReport report = new TrinoTableMaintenance(TrinoConnections.withToken(
        config.trinoJdbcUrl(), () -> token("lifecycle", "maintenance")), Duration.ofDays(7)).compact(TABLE, "128MB");
    writes.get(5, java.util.concurrent.TimeUnit.MINUTES);
    writer.shutdown();
    System.out.printf("[lifecycle] compaction: data files %d -> %d, max files per partition %d -> %d, manifests %d -> %d%n",
        report.dataFilesBefore(), report.dataFilesAfter(), report.maxFilesPerPartitionBefore(),
        report.maxFilesPerPartitionAfter(), report.manifestsBefore(), report.manifestsAfter());
    assertThat(report.dataFilesBefore()).isGreaterThan(8);
    assertThat(report.dataFilesAfter()).as("rewritten into fewer files (appends after it add at most their own)")
        .isLessThanOrEqualTo(1 + concurrent + 1);
    assertThat(count(nora, "SELECT count(*) FROM " + TABLE.sql())).as("no row lost or doubled")
        .isEqualTo(rowsBefore + concurrent);
    // the typical query: the answer before plus exactly the rows written meanwhile (all na NOERROR, distinct names)
    List<List<Object>> expected = new ArrayList<>();
    for (List<Object> row : answerBefore) {
      List<Object> copy = new ArrayList<>(row);
      if ("na".equals(row.get(0)) && "NOERROR".equals(row.get(1))) {
        copy.set(2, (Long) row.get(2) + concurrent);
        copy.set(3, (Long) row.get(3) + concurrent);
      }
      expected.add(copy);
    }
    assertThat(query(nora, typical)).isEqualTo(expected);
  }

  /** Iceberg paths here are {@code file:/...} or plain absolute paths. */
  private static String fileUri(String path) {
    return path.startsWith("file:") ? path.replaceFirst("^file:/+", "file:///") : "file://" + path;
  }
}

package org.dnsmesh.products.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.dnsmesh.infra.stack.EphemeralCatalog;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.infra.stack.ProcessSupervisor;
import org.dnsmesh.productkit.catalog.CatalogConnection;
import org.dnsmesh.productkit.pipeline.IngestSummary;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.products.na.NaResolverQueries;
import org.dnsmesh.products.support.KafkaProductRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A supervised continuous pipeline killed with SIGKILL is restarted and loses nothing: the NA product's pipeline
 * runs as a child process of {@link ProcessSupervisor}; events are produced in two waves, the child is killed with
 * SIGKILL after its first commit, the supervisor restarts it, and at the end every produced event is in the table
 * or the quarantine table exactly once (distinct event ids), and the derived tables follow the raw table.
 */
class ContinuousProductIT {

  @TempDir Path dir;

  static Path home;
  static EphemeralKafka kafka;
  static EphemeralCatalog catalog;
  static Path source;

  @BeforeAll
  static void start() {
    home = EphemeralKafka.projectHome();
    Path log = Path.of("").toAbsolutePath().resolve("../../../shared/data/wrccdc2018_zeek_dns.log").normalize();
    source = Files.isReadable(log) ? log
        : home.resolve("data-products/na-resolver-queries/src/test/resources/sample-dns.log");
    kafka = EphemeralKafka.start(home);
    catalog = EphemeralCatalog.start(home, "dnsmesh_test_continuous");
  }

  @AfterAll
  static void stop() {
    if (catalog != null) {
      catalog.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  /** A backfill replaces the range's partitions in one commit; a second run gives the same table. */
  @Test
  void aBackfillRunTwiceGivesTheSameTable() throws Exception {
    // the range below is a day of the WRCCDC capture; the product's small sample has no events on it
    org.junit.jupiter.api.Assumptions.assumeTrue(source.getFileName().toString().startsWith("wrccdc"),
        "SKIPPED: shared test data (../shared/data/wrccdc2018_zeek_dns.log) not present; the backfill range is one of its days");
    Path keys = dir.resolve("pseudonym-keys.properties");
    DemoProducts demo = new DemoProducts(home, URI.create(catalog.url()),
        domain -> KafkaClientConfig.of(kafka.clientProperties("publisher-" + domain)), catalog::publisherToken, keys,
        System.out::println);
    demo.run(Set.of("na"));
    java.time.Instant start = java.time.Instant.parse("2018-03-24T00:00:00Z");
    java.time.Instant end = java.time.Instant.parse("2018-03-25T00:00:00Z");
    CatalogConnection connection = new CatalogConnection(URI.create(catalog.url()), () -> catalog.publisherToken("na"));
    try (RESTCatalog iceberg = connection.icebergCatalog("na")) {
      Table raw = iceberg.loadTable(DemoProduct.na().contract().table());
      List<String> otherDays = eventIds(raw, false);
      DemoProducts.BackfillResult first = demo.backfill("na/na-resolver-queries", NaResolverQueries.source(source),
          start, end);
      raw.refresh();
      assertThat(raw.currentSnapshot().operation()).isEqualTo("overwrite");
      List<String> afterFirst = eventIds(raw, true);
      assertThat(afterFirst).hasSize((int) first.summary().written()).isNotEmpty();
      DemoProducts.BackfillResult second = demo.backfill("na/na-resolver-queries", NaResolverQueries.source(source),
          start, end);
      assertThat(second.summary()).isEqualTo(first.summary());
      assertThat(eventIds(raw, true)).isEqualTo(afterFirst);
      assertThat(eventIds(raw, false)).as("other days untouched").isEqualTo(otherDays);
      assertThat(second.rowsInTable()).isEqualTo(first.rowsInTable());
      assertThat(second.derivedRows()).isEqualTo(first.derivedRows());
    }
  }

  /** Sorted event ids of the rows on 2018-03-24 ({@code inRange}) or on every other day. */
  private static List<String> eventIds(Table table, boolean inRange) throws Exception {
    table.refresh();
    List<String> ids = new java.util.ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).select("event_id", "event_ts").build()) {
      for (Record r : records) {
        boolean day = r.getField("event_ts").toString().startsWith("2018-03-24");
        if (day == inRange) {
          ids.add(String.valueOf(r.getField("event_id")));
        }
      }
    }
    ids.sort(null);
    return ids;
  }

  @Test
  void aPipelineKilledWithSigkillIsRestartedAndLosesNothing() throws Exception {
    {
      DemoProduct na = DemoProduct.na();
      KafkaClientConfig publisher = KafkaClientConfig.of(kafka.clientProperties("publisher-na"));
      Path keys = dir.resolve("pseudonym-keys.properties");
      DemoProducts demo = new DemoProducts(home, URI.create(catalog.url()), domain -> publisher,
          catalog::publisherToken, keys, System.out::println);
      demo.run(Set.of("na")); // publishes the contract, creates topic and tables with the 13 sample events
      KafkaProductRun producer = new KafkaProductRun(na.contract(), na.transform().get(),
          org.dnsmesh.productkit.pseudonymize.DomainKeyRing.fromProperties("na", properties(keys)), publisher);

      ProcessSupervisor.Child child = new ProcessSupervisor.Child("na-pipeline", List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+UseSerialGC",
          "-cp", System.getProperty("java.class.path"), ServeMain.class.getName(), home.toString(), catalog.url(),
          "na/na-resolver-queries", kafka.clientConfigFile("publisher-na").toString(), keys.toString()),
          Map.of("MESH_TOKEN", catalog.publisherToken("na")), dir.resolve("na-pipeline.log"),
          dir.resolve("na-pipeline.state"));
      ProcessSupervisor supervisor = new ProcessSupervisor(List.of(child), Duration.ofSeconds(1),
          Duration.ofSeconds(8), Duration.ofSeconds(60), Duration.ofSeconds(60));
      supervisor.start();
      CatalogConnection connection = new CatalogConnection(URI.create(catalog.url()), () -> catalog.publisherToken("na"));
      try (RESTCatalog iceberg = connection.icebergCatalog("na")) {
        Table raw = iceberg.loadTable(na.contract().table());
        Table quarantine = iceberg.loadTable(TableIdentifier.of("na", "resolver_queries_quarantine"));
        long before = rows(raw) + rows(quarantine);

        IngestSummary first = producer.produce(NaResolverQueries.source(daysLater(source, 2)));
        awaitRows(raw, quarantine, before + 1); // a first commit (10 s at the latest)
        long victim = ProcessSupervisor.State.read(child.stateFile()).orElseThrow().pid();
        new ProcessBuilder("kill", "-KILL", Long.toString(victim)).start().waitFor();
        IngestSummary second = producer.produce(NaResolverQueries.source(daysLater(source, 3)));

        long produced = System.nanoTime();
        long expected = before + first.published() + first.rejected() + second.published() + second.rejected();
        awaitRows(raw, quarantine, expected);
        Duration toTable = Duration.ofNanos(System.nanoTime() - produced);
        System.out.println("last produced event -> committed, through a SIGKILL and a restart: " + toTable);
        assertThat(toTable).as("within the contract's freshness SLA (15 min)").isLessThan(Duration.ofMinutes(15));
        Thread.sleep(12_000); // a pipeline that would write twice has had time to
        assertThat(rows(raw) + rows(quarantine)).isEqualTo(expected);
        assertThat(distinctEventIds(raw)).as("no event written twice").isEqualTo(rows(raw));
        ProcessSupervisor.State state = ProcessSupervisor.State.read(child.stateFile()).orElseThrow();
        assertThat(state.restarts()).isEqualTo(1);
        assertThat(state.lastExit()).startsWith("exit 137 (SIGKILL)");
        assertThat(state.pid()).isNotNull().isNotEqualTo(victim);

        raw.refresh();
        String last = Long.toString(raw.currentSnapshot().snapshotId());
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String derivedFrom = null;
        while (!last.equals(derivedFrom) && System.nanoTime() < deadline) {
          Thread.sleep(1_000);
          derivedFrom = iceberg.loadTable(TableIdentifier.of("na", "dns_daily_summary")).currentSnapshot().summary()
              .get(DemoProducts.DERIVED_FROM);
        }
        assertThat(derivedFrom).as("the derived tables follow the last raw snapshot").isEqualTo(last);
        Table summary = iceberg.loadTable(TableIdentifier.of("na", "dns_daily_summary"));
        assertThat(summary.currentSnapshot().summary().get(org.dnsmesh.products.support.DerivedTables.REFRESHED_DAYS))
            .as("only the new days were recomputed").isNotNull();

        supervisor.stop();
        supervisor.awaitStopped();
        assertThat(Files.readString(child.log())).contains("stopped: ");
      } finally {
        supervisor.stop();
        System.out.println(Files.readString(child.log()));
      }
    }
  }

  /** The log with every timestamp {@code days} later (other event ids; days the backfill test does not touch). */
  private Path daysLater(Path log, int days) throws Exception {
    StringBuilder out = new StringBuilder();
    for (String line : Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
      int tab = line.indexOf('\t');
      if (line.startsWith("#") || tab < 0) {
        out.append(line).append('\n');
      } else {
        out.append(String.format(java.util.Locale.ROOT, "%.6f", Double.parseDouble(line.substring(0, tab)) + 86_400L * days))
            .append(line.substring(tab)).append('\n');
      }
    }
    Path shifted = dir.resolve("dns-plus-" + days + "-days.log");
    Files.writeString(shifted, out, java.nio.charset.StandardCharsets.ISO_8859_1);
    return shifted;
  }

  private static java.util.Properties properties(Path file) throws Exception {
    java.util.Properties properties = new java.util.Properties();
    try (var reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    return properties;
  }

  private static long rows(Table table) {
    table.refresh();
    return table.currentSnapshot() == null ? 0
        : Long.parseLong(table.currentSnapshot().summary().getOrDefault("total-records", "0"));
  }

  private static long distinctEventIds(Table table) throws Exception {
    Set<String> ids = new HashSet<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).select("event_id").build()) {
      records.forEach(r -> ids.add(String.valueOf(r.getField("event_id"))));
    }
    return ids.size();
  }

  private static void awaitRows(Table raw, Table quarantine, long atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (rows(raw) + rows(quarantine) < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the tables hold " + (rows(raw) + rows(quarantine)) + " rows, expected " + atLeast);
      }
      Thread.sleep(500);
    }
  }
}

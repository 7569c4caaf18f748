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

  /**
   * {@code mesh product run --from zeek:.../dns.log} following a live log on the real broker and Iceberg catalog:
   * lines appended while it runs (one written in two halves; a line with an unset query, one not UTF-8, one with a
   * wrong field count), then a rotation to {@code .gz} right after more lines (so some may be read only from the
   * copy) and a new {@code dns.log}, a stop, and a restart from the checkpoint. Every line the test wrote is in the
   * table, the quarantine table or the dead-letter topic, exactly once: counts and positions from the test's own
   * bookkeeping, compared with the tables' row counts, the new event ids and the dead letters' {@code file:line}.
   */
  @Test
  void followingALogThroughAppendsAndARotationPutsEveryLineSomewhereExactlyOnce() throws Exception {
    Path keys = dir.resolve("pseudonym-keys.properties");
    DemoProducts demo = new DemoProducts(home, URI.create(catalog.url()),
        domain -> KafkaClientConfig.of(kafka.clientProperties("publisher-" + domain)), catalog::publisherToken, keys,
        System.out::println);
    demo.run(Set.of("na")); // publishes the contract, creates topic and tables
    CatalogConnection connection = new CatalogConnection(URI.create(catalog.url()), () -> catalog.publisherToken("na"));
    try (RESTCatalog iceberg = connection.icebergCatalog("na")) {
      Table raw = iceberg.loadTable(DemoProduct.na().contract().table());
      Table quarantine = iceberg.loadTable(TableIdentifier.of("na", "resolver_queries_quarantine"));
      long rawBefore = rows(raw);
      long quarantineBefore = rows(quarantine);
      Set<String> idsBefore = eventIdSet(raw);
      List<String> lettersBefore = deadLetterSources();

      Path logs = Files.createDirectories(dir.resolve("zeek"));
      Path live = logs.resolve("dns.log");
      LiveLog log = new LiveLog(live, "2026-12-07-19-00-00", 1);
      log.good(50);
      Path checkpoint = dir.resolve("state/na.follow.json");
      Following following = new Following(demo, "zeek:" + live, checkpoint);
      following.awaitRead(log.lines());
      log.good(30);
      log.unsetQuery();
      log.notUtf8();
      log.wrongFieldCount();
      String cut = log.goodLine();
      log.write(cut.substring(0, cut.length() / 2));
      Thread.sleep(1_500); // polled several times meanwhile: the half line must wait
      log.write(cut.substring(cut.length() / 2));
      log.good(20);
      following.awaitRead(log.lines());
      log.good(7); // just before the rotation: perhaps read only from the rotated copy
      try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(
          Files.newOutputStream(logs.resolve("dns.2026-12-07-19-00-00-2026-12-07-20-00-00.log.gz")))) {
        Files.copy(live, out);
      }
      Files.delete(live);
      LiveLog next = new LiveLog(live, "2026-12-07-20-00-00", log.nextUid());
      next.good(40);
      next.unsetQuery();
      long good = log.good + next.good;
      long unset = log.unset + next.unset;
      following.awaitRead(log.lines() + next.lines());
      DemoProducts.Result first = following.stop();

      assertThat(first.ingest()).isEqualTo(new IngestSummary(good + unset + log.deadLetters.size(), good, 0,
          log.deadLetters.size(), unset, 0));
      assertThat(first.run().in()).isEqualTo(good + unset);
      assertThat(rows(raw) - rawBefore).as("written").isEqualTo(good);
      assertThat(rows(quarantine) - quarantineBefore).as("quarantined").isEqualTo(unset);
      Set<String> newIds = eventIdSet(raw);
      newIds.removeAll(idsBefore);
      assertThat(newIds).as("no event written twice").hasSize((int) good);
      assertThat(distinctEventIds(raw)).isEqualTo(rows(raw));
      List<String> letters = deadLetterSources();
      lettersBefore.forEach(letters::remove); // the new ones (partitions may interleave differently)
      assertThat(letters.stream().filter(source -> source.startsWith("dns.")).toList())
          .as("dead letters: the bad lines by file:line, once each")
          .containsExactlyInAnyOrderElementsOf(log.deadLetters);

      // a restart resumes from the checkpoint: only the lines written since
      next.good(10);
      Following again = new Following(demo, "zeek:" + live, checkpoint);
      again.awaitRead(10);
      DemoProducts.Result second = again.stop();
      assertThat(second.ingest().read()).isEqualTo(10);
      assertThat(rows(raw) - rawBefore).isEqualTo(good + 10);
      assertThat(distinctEventIds(raw)).isEqualTo(rows(raw));
    }
  }

  /** A Zeek dns.log written line by line, with what each line should become. */
  private static final class LiveLog {
    final Path file;
    int uid;
    int lines;
    long good;
    long unset;
    final List<String> deadLetters = new java.util.ArrayList<>();

    LiveLog(Path file, String open, int firstUid) throws Exception {
      this.file = file;
      this.uid = firstUid;
      List<String> header = Files.readAllLines(home.resolve(
          "data-products/na-resolver-queries/src/test/resources/sample-dns.log")).subList(0, 8);
      StringBuilder text = new StringBuilder();
      header.forEach(line -> text.append(line.startsWith("#open") ? "#open\t" + open : line).append('\n'));
      Files.writeString(file, text);
      lines = 8;
    }

    int nextUid() {
      return uid;
    }

    long lines() {
      return good + unset + deadLetters.size();
    }

    String goodLine() {
      good++;
      lines++;
      return line(uid++, "q" + uid + ".follow.example.com");
    }

    static String line(int uid, String query) {
      return String.format(java.util.Locale.ROOT, "%d.000000\tCfollow%d\t10.1.0.10\t%d\t10.0.0.53\t53\tudp\t%d"
          + "\t0.012000\t%s\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t-\t-\tF\n", 1767780000L + uid,
          uid, 20_000 + uid % 40_000, uid % 65_536, query);
    }

    void good(int count) throws Exception {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < count; i++) {
        text.append(goodLine());
      }
      write(text.toString());
    }

    void unsetQuery() throws Exception {
      unset++;
      lines++;
      write(line(uid++, "-"));
    }

    void notUtf8() throws Exception {
      lines++;
      deadLetters.add(file.getFileName() + ":" + lines);
      Files.write(file, ("1767780000.5\tCbad\t10.1.0.10\t1\t10.0.0.53\t53\tudp\t1\t-\tq\u00ff.example\n")
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.file.StandardOpenOption.APPEND);
    }

    void wrongFieldCount() throws Exception {
      lines++;
      deadLetters.add(file.getFileName() + ":" + lines);
      write("1767780000.6\tCshort\n");
    }

    void write(String text) throws Exception {
      Files.writeString(file, text, java.nio.file.StandardOpenOption.APPEND);
    }
  }

  /** A follow run on its own thread, as {@code mesh product run} without {@code --once} runs it. */
  private static final class Following {
    final java.util.concurrent.atomic.AtomicReference<DemoProducts.FollowStatus> status =
        new java.util.concurrent.atomic.AtomicReference<>();
    final java.util.concurrent.atomic.AtomicReference<Runnable> stop = new java.util.concurrent.atomic.AtomicReference<>();
    final java.util.concurrent.CompletableFuture<DemoProducts.Result> result = new java.util.concurrent.CompletableFuture<>();

    Following(DemoProducts demo, String spec, Path checkpoint) throws Exception {
      org.dnsmesh.productkit.source.LogFollower follower = org.dnsmesh.productkit.source.LogFollower.follow(spec,
          checkpoint, warning -> System.out.println("follow warning: " + warning));
      Thread.ofPlatform().name("follow").start(() -> {
        try {
          result.complete(demo.follow("na/na-resolver-queries", follower, Duration.ofMillis(200), s -> {
            status.set(s);
            System.out.println("follow: read " + s.read().read() + ", in " + s.in() + ", lag " + s.lagRecords());
          }, stop::set));
        } catch (Throwable e) {
          result.completeExceptionally(e);
        }
      });
    }

    void awaitRead(long lines) throws Exception {
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (status.get() == null || status.get().read().read() < lines) {
        if (result.isDone()) {
          result.get(); // throws the run's failure
          throw new AssertionError("the follow run ended before reading " + lines + " lines");
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("read " + (status.get() == null ? 0 : status.get().read().read()) + " of " + lines);
        }
        Thread.sleep(200);
      }
    }

    DemoProducts.Result stop() throws Exception {
      stop.get().run();
      return result.get(5, java.util.concurrent.TimeUnit.MINUTES);
    }
  }

  /** The {@code dnsmesh.source} header of every letter on the NA dead-letter topic, in topic order. */
  private static List<String> deadLetterSources() {
    String topic = DemoProduct.na().contract().topic().deadLetter().toString();
    List<String> sources = new java.util.ArrayList<>();
    try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer =
        new org.apache.kafka.clients.consumer.KafkaConsumer<>(kafka.adminProperties(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> sources.add(
            new String(r.headers().lastHeader("dnsmesh.source").value(), java.nio.charset.StandardCharsets.UTF_8)));
      }
    }
    return sources;
  }

  private static Set<String> eventIdSet(Table table) throws Exception {
    table.refresh();
    Set<String> ids = new HashSet<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).select("event_id").build()) {
      records.forEach(r -> ids.add(String.valueOf(r.getField("event_id"))));
    }
    return ids;
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

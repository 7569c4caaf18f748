package org.dnsmesh.products.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.iceberg.catalog.Catalog;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.productkit.lineage.LineageEmitter;
import org.dnsmesh.productkit.pipeline.RunSummary;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.productkit.write.KafkaOffsets;
import org.dnsmesh.products.support.KafkaProductRun;
import org.dnsmesh.products.support.LocalCatalogs;
import org.dnsmesh.products.support.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario's findings into {@code security.detections} and {@code security.cases} on a real broker (the
 * policy's ACLs; the sink reads as {@code security-detections}) and a real Iceberg catalog, with the sink stopped
 * and started again between November's findings and December's, after a crash that lost its last commit (the
 * tables rolled back one snapshot), and once more at the end: every finding on the topic is one row (none lost,
 * none twice), and every case is one row with its newest state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityTablesIT {

  @TempDir static Path dir; // static: a per-class instance gets its fields only after @BeforeAll
  private EphemeralKafka kafka;
  private KafkaStreams streams;
  private Catalog catalog;
  private final SecurityScenario scenario = new SecurityScenario(7);
  private final List<RunSummary> runs = new java.util.ArrayList<>();

  @BeforeAll
  void scenarioThroughTopologyAndSink() throws Exception {
    kafka = EphemeralKafka.start(EphemeralKafka.projectHome());
    SecurityDetectionsIT.createTopics(kafka);
    SecurityDetectionsIT.publishReference(kafka, scenario);
    catalog = LocalCatalogs.jdbc("dnsmesh_test_security_tables" + System.getenv().getOrDefault("MESH_TEST_DB_SUFFIX",
        ""), dir.resolve("warehouse"));
    long decemberMillis = SecurityScenario.MONTH.plus(Duration.ofDays(30)).toEpochMilli();
    List<SecurityScenario.RawLine> november = scenario.raw.stream().filter(r -> r.millis() < decemberMillis).toList();
    List<SecurityScenario.RawLine> december = scenario.raw.stream().filter(r -> r.millis() >= decemberMillis).toList();
    KafkaClientConfig sinkKafka = KafkaClientConfig.of(kafka.clientProperties("security-detections"));
    SecurityDetectionsIT.publishSuppressions(kafka, scenario.suppressions); // as the catalog does on approval
    streams = DetectionApp.start(sinkKafka, SecurityScenario.KEYS, dir.resolve("state"), DetectionSettings.defaults());
    SecurityDetectionsIT.publishRaw(kafka, november);
    await(() -> topic(RegistrarChanges.CANONICAL).size() + topic(RegistrarChanges.DEAD_LETTER).size()
        >= november.size(), Duration.ofMinutes(6));
    // first sink: whatever the topology has committed by now (possibly mid-stream)
    runs.addAll(new SecurityTableSink(sinkKafka, catalog, LineageEmitter.none()).runOnce(50));
    SecurityDetectionsIT.publishRaw(kafka, december);
    await(() -> topic(RegistrarChanges.DETECTIONS).size() >= scenario.expected.size() + 1
        && topic(RegistrarChanges.CANONICAL).size() + topic(RegistrarChanges.DEAD_LETTER).size()
        == scenario.raw.size(), Duration.ofMinutes(8));
    Thread.sleep(2_000); // nothing more may arrive
    // a new sink (a restart) resumes from the offsets in the tables' snapshots, 3 findings a commit
    runs.addAll(new SecurityTableSink(sinkKafka, catalog, LineageEmitter.none()).runOnce(3));
    // a crash that lost the last commit of each table (its snapshot rolled back): the next sink writes those rows again
    lostRows = rollBackOneCommit(SecurityTables.DETECTIONS);
    rollBackOneCommit(SecurityTables.CASE_STATES);
    runs.addAll(new SecurityTableSink(sinkKafka, catalog, LineageEmitter.none()).runOnce(3));
    // and one more finds nothing new
    runs.addAll(new SecurityTableSink(sinkKafka, catalog, LineageEmitter.none()).runOnce(3));
  }

  private long lostRows;

  /** Rolls the table back to its previous snapshot; returns the rows the dropped commit had added. */
  private long rollBackOneCommit(org.apache.iceberg.catalog.TableIdentifier id) {
    org.apache.iceberg.Table table = catalog.loadTable(id);
    org.apache.iceberg.Snapshot last = table.currentSnapshot();
    assertThat(last.parentId()).as(id + " has more than one commit").isNotNull();
    table.manageSnapshots().rollbackTo(last.parentId()).commit();
    return Long.parseLong(last.summary().get("added-records"));
  }

  @AfterAll
  void stop() {
    if (streams != null) {
      streams.close(Duration.ofSeconds(30));
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void everyFindingOnTheTopicIsOneRowOfDetections() throws Exception {
    List<Finding> onTopic = topic(RegistrarChanges.DETECTIONS).stream()
        .map(r -> JsonSerde.read(r.value(), Finding.class)).toList();
    List<Row> rows = KafkaProductRun.rows(catalog.loadTable(SecurityTables.DETECTIONS));
    System.out.println("detections: " + onTopic.size() + " on the topic, " + rows.size() + " rows; runs " + runs);
    assertThat(rows).hasSize(onTopic.size());
    assertThat(rows.stream().map(r -> r.string("finding_id")).toList())
        .containsExactlyInAnyOrderElementsOf(onTopic.stream().map(Finding::findingId).toList());
    // the scenario's attacks are all there, with rule, case and severity as found
    assertThat(rows.stream().map(r -> r.string("rule") + "|" + r.string("case_key") + "|" + r.string("severity")
        + "|" + (r.string("suppressed_by") != null)).toList())
        .containsExactlyInAnyOrderElementsOf(onTopic.stream().map(f -> f.rule() + "|" + f.caseKey() + "|"
            + f.severity() + "|" + f.isSuppressed()).toList());
    assertThat(rows).allMatch(r -> r.string("actor_id") == null || r.string("actor_id").matches("[0-9a-f]{32}"));
    // runs: [detections, case_states] x (after November, after December, after the lost commit, nothing new)
    assertThat(runs.get(0).written() + runs.get(2).written()).isEqualTo(onTopic.size());
    assertThat(lostRows).isPositive();
    assertThat(runs.get(4).written()).as("rewritten after the lost commit").isEqualTo(lostRows);
    assertThat(runs.get(6).written()).isZero();
    assertThat(runs.get(7).written()).isZero();
    assertThat(runs).allMatch(r -> r.quarantined() == 0);
    // the table's offsets are the topic's: the next run starts past every finding
    Map<Integer, Long> offsets = KafkaOffsets.committedIn(catalog.loadTable(SecurityTables.DETECTIONS))
        .forTopic(RegistrarChanges.DETECTIONS.toString());
    Map<Integer, Long> lastPlusOne = new HashMap<>();
    topic(RegistrarChanges.DETECTIONS).forEach(r -> lastPlusOne.merge(r.partition(), r.offset() + 1, Math::max));
    assertThat(offsets).isEqualTo(lastPlusOne);
  }

  @Test
  void everyCaseIsOneRowWithItsNewestState() throws Exception {
    // newest by the log: the last record of each case id (keyed by case id, so one partition, in offset order)
    Map<String, SecurityCase> newest = new HashMap<>();
    Map<String, Long> at = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : topic(RegistrarChanges.CASES)) {
      SecurityCase c = JsonSerde.read(r.value(), SecurityCase.class);
      if (r.offset() >= at.getOrDefault(c.caseId, -1L)) {
        newest.put(c.caseId, c);
        at.put(c.caseId, r.offset());
      }
    }
    List<Row> rows = KafkaProductRun.rows(catalog.loadTable(SecurityTables.CASES));
    System.out.println("cases: " + newest.size() + " case ids on the topic, " + rows.size() + " rows");
    assertThat(rows.stream().map(r -> r.string("case_id")).toList())
        .containsExactlyInAnyOrderElementsOf(newest.keySet());
    for (Row row : rows) {
      SecurityCase expected = newest.get(row.string("case_id"));
      assertThat(row.number("findings").intValue()).as(expected.caseId).isEqualTo(expected.findings);
      assertThat(row.number("suppressed").intValue()).isEqualTo(expected.suppressed);
      assertThat(row.string("severity")).isEqualTo(expected.severity == null ? null : expected.severity.name());
      assertThat(row.instant("updated_ts").toEpochMilli()).isEqualTo(expected.updatedMillis);
    }
    // one case per incident: the findings of the detections table fall into exactly these cases
    Set<String> caseIdsOfFindings = KafkaProductRun.rows(catalog.loadTable(SecurityTables.DETECTIONS)).stream()
        .map(r -> r.string("case_id")).collect(Collectors.toSet());
    assertThat(caseIdsOfFindings).isEqualTo(newest.keySet());
    // each case's findings count is its number of rows in detections
    Map<String, Long> perCase = KafkaProductRun.rows(catalog.loadTable(SecurityTables.DETECTIONS)).stream()
        .collect(Collectors.groupingBy(r -> r.string("case_id"), Collectors.counting()));
    rows.forEach(r -> assertThat(perCase.get(r.string("case_id"))).isEqualTo(r.number("findings").longValue()));
  }

  private List<ConsumerRecord<byte[], byte[]>> topic(org.dnsmesh.productkit.transport.TopicName name) {
    return TopicReader.readAll(kafka.adminProperties(), name.toString());
  }

  private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(1_000);
    }
  }
}

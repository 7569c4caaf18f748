package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.quality.alert.AlertEvent;
import org.dnsmesh.quality.alert.AlertManager;
import org.dnsmesh.quality.alert.InMemoryAlertStateStore;
import org.dnsmesh.quality.check.CheckInput;
import org.dnsmesh.quality.check.CompletenessCheck;
import org.dnsmesh.quality.check.JdbcSqlRunner;
import org.dnsmesh.quality.check.RecordArrivalSource;
import org.dnsmesh.quality.check.SnapshotQuarantineSource;
import org.dnsmesh.quality.contract.CompletenessSla;
import org.dnsmesh.quality.contract.ContractView;
import org.dnsmesh.quality.contract.Threshold;
import org.dnsmesh.quality.deadletter.KafkaDeadLetterSource;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.model.ProductId;
import org.dnsmesh.quality.model.TableKey;
import org.dnsmesh.quality.table.CatalogTableSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record completeness with dead letters on a real, locked-down Kafka broker (the policy's ACLs; the monitor reads as
 * its own principal {@code quality-monitor}) and real Iceberg commits: the table has N rows, the quarantine table Q,
 * the dead-letter topic U unparsed lines ({@code file:line}) plus the Q quarantined records' copies
 * ({@code topic/partition@offset}), written by the product's principal with the product kit's record shape.
 */
class DeadLetterCompletenessIT {
  static final Schema QUARANTINE = new Schema(Types.NestedField.required(1, "reason", Types.StringType.get()));
  /** A 99.9 % completeness promise, as the product contracts make it (OdcsContractViews: at risk past half the loss). */
  static final Threshold PROMISE_99_9 = new Threshold(0.0005, 0.001);

  @TempDir
  static Path warehouse;
  static JdbcCatalog catalog;
  static CatalogTableSource tables;
  static EphemeralKafka kafka;
  static KafkaDeadLetterSource deadLetters;
  static KafkaProducer<byte[], byte[]> pipeline;
  static final JdbcSqlRunner sql = new JdbcSqlRunner(TestDatabase.dataSource(), 30);

  @BeforeAll
  static void start() {
    kafka = EphemeralKafka.start(EphemeralKafka.projectHome());
    catalog = SyntheticTable.catalog(warehouse);
    tables = new CatalogTableSource(catalog, CatalogTableSource.dottedNames(), Duration.ofDays(2));
    deadLetters = new KafkaDeadLetterSource(kafka.clientProperties("quality-monitor"), "quality-it-dead-letters",
        Duration.ofSeconds(30));
    Map<String, Object> producer = new HashMap<>(kafka.clientProperties("pipeline-na"));
    producer.put(ProducerConfig.ACKS_CONFIG, "all");
    pipeline = new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @AfterAll
  static void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
    if (deadLetters != null) {
      deadLetters.close();
    }
    if (catalog != null) {
      catalog.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void unparsedDeadLettersCountAgainstTheCompletenessPromiseAndABreachAlertNamesTheThreeCounts() throws Exception {
    Product product = product();
    long written = 9_990;
    long quarantined = 4;
    append(product.table, written);
    append(product.quarantine, quarantined);
    quarantineCopies(product, quarantined);
    unparsedLines(product, 0, 6);

    CompletenessCheck check = check(product);
    CheckResult within = check.run(input(product, Instant.now()));
    // 9994 of 10000 arrived in the table or the quarantine table: a loss of 0.06 %, past half the allowed 0.1 %
    assertThat(within.measurements()).containsEntry("record_completeness", (9_990.0 + 4) / (9_990 + 4 + 6))
        .containsEntry("records.written", 9_990.0).containsEntry("records.quarantined", 4.0)
        .containsEntry("records.unparsed", 6.0);
    assertThat(within.status()).isEqualTo(CheckStatus.AT_RISK);

    unparsedLines(product, 6, 12); // 6 more lines of the capture never became events
    CheckResult breached = check.run(input(product, Instant.now()));
    double expected = (9_990.0 + 4) / (9_990 + 4 + 12);
    assertThat(expected).isLessThan(0.999);
    assertThat(breached.measurements()).containsEntry("record_completeness", expected)
        .containsEntry("records.unparsed", 12.0);
    assertThat(breached.status()).isEqualTo(CheckStatus.BREACHED);

    RecordingPublisher publisher = new RecordingPublisher();
    AlertManager alerts = new AlertManager(new InMemoryAlertStateStore(), publisher);
    assertThat(alerts.onResult(breached)).isPresent();
    assertThat(publisher.events).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(AlertEvent.Type.OPENED);
      assertThat(event.key().check()).isEqualTo(CompletenessCheck.NAME);
      assertThat(event.findings()).anySatisfy(finding -> assertThat(finding)
          .contains("9990 written", "4 quarantined", "12 unparsed dead letters").contains("breach below 99.9000%"));
    });
  }

  @Test
  void quarantinedRecordsCopiedToTheDeadLetterTopicAreNotCountedTwice() throws Exception {
    Product product = product();
    append(product.table, 1_000);
    append(product.quarantine, 25);
    quarantineCopies(product, 25);

    CheckResult result = check(product).run(input(product, Instant.now()));

    assertThat(result.measurements()).containsEntry("records.quarantined", 25.0)
        .containsEntry("records.unparsed", 0.0)
        .containsEntry("records.dead_letter_quarantine_copies", 25.0)
        .containsEntry("record_completeness", 1.0);
    assertThat(result.status()).isNotEqualTo(CheckStatus.BREACHED);
    // counted twice, the copies would be 25 unparsed lines: 1025 / 1050
  }

  @Test
  void deadLettersOutsideTheWindowAreNotCounted() throws Exception {
    Product product = product();
    append(product.table, 500);
    append(product.quarantine, 0);
    long threeHoursAgo = Instant.now().minus(Duration.ofHours(3)).toEpochMilli();
    for (int line = 1; line <= 7; line++) {
      send(product, threeHoursAgo, "/captures/old/dns.log:" + line);
    }
    unparsedLines(product, 0, 2);

    CheckResult result = check(product).run(input(product, Instant.now())); // the strict window: 2 h
    assertThat(result.measurements()).containsEntry("records.unparsed", 2.0)
        .containsEntry("record_completeness", 500.0 / 502);
  }

  @Test
  void aProductWithoutDeadLetterTopicCountsNoUnparsedLinesAndDoesNotWaitForOne() throws Exception {
    Product product = product(false);
    append(product.table, 300);
    append(product.quarantine, 3);

    long started = System.nanoTime();
    CheckResult result = check(product).run(input(product, Instant.now()));
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(result.measurements()).containsEntry("records.unparsed", 0.0)
        .containsEntry("record_completeness", 1.0);
    // the topic is looked up, not awaited: a missing topic must not hold the cycle for the 30-s read timeout
    assertThat(millis).isLessThan(10_000);
  }

  @Test
  void aPrincipalTheAclsDoNotLetReadTheDomainGetsNoCountsAtAll() throws Exception {
    Product product = product();
    unparsedLines(product, 0, 3);
    // an analyst reads masked tables, never a domain's topics (their values are in clear)
    try (KafkaDeadLetterSource analyst = new KafkaDeadLetterSource(kafka.clientProperties("analyst"), "analyst-it",
        Duration.ofSeconds(10))) {
      assertThatThrownBy(() -> analyst.counts(product.id, Instant.now().minus(Duration.ofHours(1)), Instant.now()))
          .isInstanceOf(TopicAuthorizationException.class).hasMessageContaining(product.topic);
    }
  }

  // --- the product: Iceberg table + quarantine table, dead-letter topic in its domain ---

  record Product(ProductId id, TableKey table, TableKey quarantine, String topic, String sqlTable) {
  }

  private static Product product() throws Exception {
    return product(true);
  }

  private static Product product(boolean withDeadLetterTopic) throws Exception {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String namespace = "dl_" + suffix;
    catalog.createNamespace(Namespace.of(namespace));
    ProductId id = new ProductId("na.dlq-it-" + suffix);
    TableKey table = new TableKey(id, namespace + ".queries");
    createTable(table.table(), SyntheticTable.SCHEMA);
    TableKey quarantine = new TableKey(id, namespace + ".queries_quarantine");
    createTable(quarantine.table(), QUARANTINE);
    String topic = KafkaDeadLetterSource.topicOf(id);
    // as ProductTopics does: the product's principal creates its dead-letter topic (one partition)
    if (withDeadLetterTopic) {
      try (Admin admin = Admin.create(kafka.clientProperties("pipeline-na"))) {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
      }
    }
    // the SQL profile runs on PostgreSQL (Trino is not part of module builds): one valid row in the window
    try (Connection connection = TestDatabase.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + namespace);
      statement.execute("CREATE TABLE " + namespace + ".queries (event_time timestamp, qname text, rcode text, ttl bigint)");
      statement.execute("INSERT INTO " + namespace + ".queries VALUES (now() AT TIME ZONE 'UTC', 'example.org', 'NOERROR', 60)");
    }
    return new Product(id, table, quarantine, topic, "\"" + namespace + "\".\"queries\"");
  }

  private static CompletenessCheck check(Product product) {
    Function<TableKey, String> naming = key -> product.sqlTable;
    return new CompletenessCheck(sql, naming,
        Optional.of(new RecordArrivalSource(new SnapshotQuarantineSource(tables), deadLetters)));
  }

  private static CheckInput input(Product product, Instant now) {
    ContractView plain = SyntheticTable.contract(product.table);
    CompletenessSla strict = plain.completeness();
    ContractView promised = new ContractView(plain.table(), plain.contractVersion(), plain.columns(),
        plain.eventTimeColumn(), plain.keyColumns(), plain.freshness(),
        new CompletenessSla(strict.nullRate(), strict.invalidShare(), strict.duplicateShare(), strict.window(),
            PROMISE_99_9),
        plain.volume(), plain.rules());
    return new CheckInput(promised, tables.load(product.table, Optional.empty()), now, Map.of());
  }

  /** The kit's KafkaDeadLetterPublisher shape: value = original bytes, headers dnsmesh.reason and dnsmesh.source. */
  private static void unparsedLines(Product product, int fromLine, int toLine) throws Exception {
    for (int line = fromLine + 1; line <= toLine; line++) {
      send(product, null, "/captures/dns.2026-12-07.log.gz:" + line);
    }
  }

  private static void quarantineCopies(Product product, long count) throws Exception {
    String raw = product.id.value() + ".raw";
    for (long offset = 0; offset < count; offset++) {
      send(product, null, raw + "/" + (offset % 3) + "@" + offset);
    }
  }

  private static void send(Product product, Long timestamp, String source) throws Exception {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(product.topic, null, timestamp, null,
        "1733600000.1\tC1\t\u00ff".getBytes(StandardCharsets.ISO_8859_1));
    String reason = source.contains("@") ? "contract 1.0.0: qname: required" : "not UTF-8 at byte 14";
    record.headers().add("dnsmesh.reason", reason.getBytes(StandardCharsets.UTF_8));
    record.headers().add(KafkaDeadLetterSource.SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
    pipeline.send(record).get();
  }

  private static void createTable(String name, Schema schema) {
    catalog.buildTable(TableIdentifier.parse(name), schema).withPartitionSpec(PartitionSpec.unpartitioned()).create();
  }

  /** Metadata only: a data file entry with a record count (never read); no commit for zero records. */
  private static void append(TableKey key, long records) {
    if (records == 0) {
      return;
    }
    Table table = catalog.loadTable(TableIdentifier.parse(key.table()));
    AppendFiles append = table.newAppend().appendFile(DataFiles.builder(PartitionSpec.unpartitioned())
        .withPath(warehouse.resolve("data").resolve(UUID.randomUUID() + ".parquet").toString())
        .withFormat(FileFormat.PARQUET).withFileSizeInBytes(records * 40 + 100).withRecordCount(records).build());
    append.commit();
  }
}

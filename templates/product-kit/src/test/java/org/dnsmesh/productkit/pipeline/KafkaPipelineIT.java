package org.dnsmesh.productkit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.productkit.SharedData;
import org.dnsmesh.productkit.lineage.LineageEmitter;
import org.dnsmesh.productkit.normalize.CaptureDuplicateFilter;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.normalize.DnsNormalizer;
import org.dnsmesh.productkit.normalize.UnicodeNames;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.pseudonymize.PrivacyPolicy;
import org.dnsmesh.productkit.pseudonymize.PseudonymKey;
import org.dnsmesh.productkit.pseudonymize.Pseudonymizer;
import org.dnsmesh.productkit.source.SyntheticDnsGenerator;
import org.dnsmesh.productkit.source.SyntheticProfile;
import org.dnsmesh.productkit.source.ZeekDnsLogReader;
import org.dnsmesh.productkit.transport.AvroEventCodec;
import org.dnsmesh.productkit.transport.DnsQueryEventSchema;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.productkit.transport.KafkaDeadLetterPublisher;
import org.dnsmesh.productkit.transport.KafkaEventPublisher;
import org.dnsmesh.productkit.transport.KafkaRecordSource;
import org.dnsmesh.productkit.transport.LocalSchemaResolver;
import org.dnsmesh.productkit.transport.TopicName;
import org.dnsmesh.productkit.validate.FieldRule;
import org.dnsmesh.productkit.validate.FieldType;
import org.dnsmesh.productkit.validate.Presence;
import org.dnsmesh.productkit.validate.RecordValidator;
import org.dnsmesh.productkit.write.KafkaOffsets;
import org.dnsmesh.productkit.write.TableLayout;
import org.dnsmesh.productkit.write.TestCatalogs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source -> Kafka (real KRaft broker) -> pipeline -> Iceberg (JdbcCatalog on PostgreSQL), with exact counts. */
class KafkaPipelineIT {
  /** na's pipeline: the test topics are na's, as the broker's ACLs (compiled from the shipped policy) require. */
  static final String PRINCIPAL = "pipeline-na";

  static EphemeralKafka kafka;
  static final AvroEventCodec CODEC = AvroEventCodec.of(DnsQueryEventSchema.SCHEMA, new LocalSchemaResolver());
  static final RecordValidator VALIDATOR = new RecordValidator(List.of(
      FieldRule.of("event_id", FieldType.STRING, Presence.REQUIRED).matching("[0-9a-f]{32}"),
      FieldRule.of("event_ts", FieldType.TIMESTAMP, Presence.REQUIRED),
      FieldRule.of("query_name", FieldType.STRING, Presence.REQUIRED).matching("\\.|[a-z0-9_*-]+(\\.[a-z0-9_*-]+)*"),
      FieldRule.of("latency_ms", FieldType.NUMBER, Presence.OPTIONAL).range(0.0, 60_000.0)));

  @TempDir Path warehouse;

  @BeforeAll
  static void startKafka() {
    kafka = EphemeralKafka.start(EphemeralKafka.projectHome());
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  static KafkaClientConfig client() {
    return KafkaClientConfig.of(kafka.clientProperties(PRINCIPAL));
  }

  static void createTopics(TopicName topic) throws Exception {
    try (Admin admin = Admin.create(kafka.clientProperties(PRINCIPAL))) {
      admin.createTopics(List.of(new NewTopic(topic.toString(), 3, (short) 1),
          new NewTopic(topic.deadLetter().toString(), 1, (short) 1))).all().get();
    }
  }

  static IngestSummary publish(TopicName topic, KafkaEventPublisher publisher, DnsEventSource source)
      throws IOException {
    return publish(client(), topic, publisher, source);
  }

  /** Ingests {@code source} into the topic; the dead-letter producer is closed afterwards (no leaked clients). */
  static IngestSummary publish(KafkaClientConfig client, TopicName topic, KafkaEventPublisher publisher,
      DnsEventSource source) throws IOException {
    return publish(client, topic, publisher, source, CODEC);
  }

  static IngestSummary publish(KafkaClientConfig client, TopicName topic, KafkaEventPublisher publisher,
      DnsEventSource source, AvroEventCodec codec) throws IOException {
    PrivacyPolicy policy = new PrivacyPolicy(DnsQueryEventSchema.TREATMENTS, new Pseudonymizer(new DomainKeyRing("na",
        "k1", Map.of("k1", new PseudonymKey("k1", "it-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))))));
    try (KafkaDeadLetterPublisher deadLetters = new KafkaDeadLetterPublisher(client, topic.deadLetter())) {
      return new DnsIngest(new DnsNormalizer(UnicodeNames.DROP), policy, codec, publisher, deadLetters)
          .ingest(source, CaptureDuplicateFilter.oneMillisecond());
    }
  }

  static RunSummary runPipeline(JdbcCatalog catalog, TopicName topic, TableIdentifier table) {
    return runPipeline(catalog, topic, table, CODEC);
  }

  static RunSummary runPipeline(JdbcCatalog catalog, TopicName topic, TableIdentifier table, AvroEventCodec codec) {
    PipelineConfig config = PipelineConfig.of(topic.product(), "1.0.0", table,
        new TableLayout(List.of("day(event_ts)", "tld"), List.of("query_name"))).withBatchRecords(50_000);
    try (KafkaRecordSource source = new KafkaRecordSource(client(), topic, Map.of());
        KafkaDeadLetterPublisher dlq = new KafkaDeadLetterPublisher(client(), topic.deadLetter())) {
      ProductPipeline pipeline = new ProductPipeline(config, catalog, codec, VALIDATOR, dlq, LineageEmitter.none(),
          new ConsoleProgress(System.out, topic.product(), Duration.ofSeconds(5)), "iceberg://" + topic.domain());
      return pipeline.run(source, RunUntil.CAUGHT_UP);
    }
  }

  static List<Record> rows(Table table) throws Exception {
    table.refresh();
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(table).build()) {
      it.forEach(r -> rows.add(r.copy()));
    }
    return rows;
  }

  static long count(TopicName topic) {
    long total = 0;
    try (KafkaRecordSource source = new KafkaRecordSource(client(), topic, Map.of())) {
      source.open(Map.of());
      for (long end : source.endOffsets().values()) {
        total += end;
      }
    }
    return total;
  }

  @Test
  void syntheticEventsEndToEndAndResume() throws Exception {
    TopicName topic = new TopicName("na", "synthetic-it", "raw");
    createTopics(topic);
    TableIdentifier tableId = TableIdentifier.of("na", "synthetic_it");
    SyntheticProfile profile = SyntheticProfile.resolverDefaults(15_000, 99);
    try (JdbcCatalog catalog = TestCatalogs.jdbc(warehouse);
        KafkaEventPublisher publisher = new KafkaEventPublisher(client(), topic, Map.of())) {
      IngestSummary first = publish(topic, publisher, new SyntheticDnsGenerator(profile.withEvents(10_000)));
      assertThat(first.published()).isEqualTo(10_000);
      RunSummary run1 = runPipeline(catalog, topic, tableId);
      assertThat(run1.in()).isEqualTo(10_000);
      assertThat(run1.written() + run1.quarantined()).isEqualTo(10_000);

      // More traffic after the first run: the second run starts at the offsets stored in the table.
      SyntheticProfile later = new SyntheticProfile(profile.start().plusSeconds(86_400), 5_000,
          profile.eventsPerSecond(), profile.diurnalAmplitude(), profile.clients(), profile.resolvers(),
          profile.names(), profile.zipfExponent(), profile.nxdomainRate(), profile.burstsPerMillion(),
          profile.burstLength(), 100);
      publish(topic, publisher, new SyntheticDnsGenerator(later));
      RunSummary run2 = runPipeline(catalog, topic, tableId);
      assertThat(run2.in()).isEqualTo(5_000);

      Table table = catalog.loadTable(tableId);
      List<Record> rows = rows(table);
      assertThat(rows).hasSize((int) (run1.written() + run2.written()));
      Set<Object> ids = new HashSet<>();
      rows.forEach(r -> ids.add(r.getField("event_id")));
      assertThat(ids).hasSize(rows.size());
      assertThat(rows).allSatisfy(r -> assertThat(r.getField("client_id").toString()).hasSize(32));
      assertThat(KafkaOffsets.committedIn(table).forTopic(topic.toString()).values().stream()
          .mapToLong(Long::longValue).sum()).isEqualTo(15_000);
      assertThat(count(topic.deadLetter())).isEqualTo(run1.quarantined() + run2.quarantined());
    }
  }

  @Test
  void realWrccdcLogEndToEnd() throws Exception {
    Path log = SharedData.require(SharedData.WRCCDC_ZEEK_DNS);
    TopicName topic = new TopicName("na", "wrccdc-it", "raw");
    createTopics(topic);
    TableIdentifier tableId = TableIdentifier.of("na", "wrccdc_it");
    try (JdbcCatalog catalog = TestCatalogs.jdbc(warehouse);
        KafkaEventPublisher publisher = new KafkaEventPublisher(client(), topic, Map.of())) {
      IngestSummary ingested = publish(topic, publisher, ZeekDnsLogReader.open(log));
      System.out.println("WRCCDC ingest: " + ingested.describe());
      assertThat(ingested).isEqualTo(new IngestSummary(53_615, 26_820, 26_795, 0, 0));

      RunSummary run = runPipeline(catalog, topic, tableId);

      System.out.println("WRCCDC pipeline: " + run.describe());
      assertThat(run.in()).isEqualTo(26_820);
      assertThat(run.written()).isEqualTo(26_808);
      assertThat(run.quarantined()).isEqualTo(12);
      assertThat(rows(catalog.loadTable(tableId))).hasSize((int) run.written());
      assertThat(rows(catalog.loadTable(TableIdentifier.of("na", "wrccdc_it_quarantine"))))
          .hasSize((int) run.quarantined());
    }
  }

  /**
   * Regression (issue 17), through the real encode -> Kafka -> validate path: a row whose query is unset ({@code -},
   * as Zeek writes it for SERVFAIL without a question section) cannot be encoded as a contract that requires
   * {@code query_name}. It must reach the quarantine table with its reason class, and the valid event right after
   * it must be written unharmed (the encoder used to prepend the failed event's partial bytes to it). A line that
   * is not UTF-8 is dead-lettered with file and line, and the rest of the gzipped file is read. Every line read is
   * in exactly one place: table, quarantine table, dead-letter topic (as a source line) or dropped as a capture copy.
   */
  @Test
  void failingEventThenValidOneThroughKafkaNothingLost() throws Exception {
    org.apache.avro.Schema strict = requiring("query_name");
    AvroEventCodec codec = AvroEventCodec.of(strict, new LocalSchemaResolver());
    TopicName topic = new TopicName("na", "carry-over-it", "raw");
    createTopics(topic);
    TableIdentifier tableId = TableIdentifier.of("na", "carry_over_it");
    String header = String.join("\n",
        "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tdns",
        "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqtype\tqtype_name"
            + "\trcode\trcode_name\tAA\tTC\tRD\tRA\tanswers\tTTLs\trejected") + "\n"; // 6 header lines
    String valid1 = "1521911720.100000\tCa\t10.47.1.100\t41772\t10.0.0.100\t53\tudp\t1\t0.001\tone.example.org\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t-\t-\tF\n";
    String unset = "1521911720.200000\tCb\t10.47.1.101\t41773\t10.0.0.100\t53\tudp\t2\t0.002\t-\t-\t-\t2\tSERVFAIL\tF\tF\tT\tT\t-\t-\tF\n";
    String valid2 = "1521911720.300000\tCc\t10.47.1.102\t41774\t10.0.0.100\t53\tudp\t3\t0.003\ttwo.example.org\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t-\t-\tF\n";
    byte[] latin1 = "1521911720.400000\tCd\t10.47.1.103\t41775\t10.0.0.100\t53\tudp\t4\t0.004\tcaf\u00e9.example.org\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t-\t-\tF\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    String valid3 = "1521911720.500000\tCe\t10.47.1.104\t41776\t10.0.0.100\t53\tudp\t5\t0.005\tthree.example.org\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t-\t-\tF\n";
    Path log = warehouse.resolve("dns.12:00:00-13:00:00.log.gz");
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(log))) {
      out.write((header + valid1 + unset + valid2).getBytes(StandardCharsets.UTF_8));
      out.write(latin1);
      out.write(valid3.getBytes(StandardCharsets.UTF_8));
    }

    try (JdbcCatalog catalog = TestCatalogs.jdbc(warehouse);
        KafkaEventPublisher publisher = new KafkaEventPublisher(client(), topic, Map.of())) {
      IngestSummary ingested = publish(client(), topic, publisher, ZeekDnsLogReader.open(log), codec);
      RunSummary run = runPipeline(catalog, topic, tableId, codec);

      // read 5 = published 3 + rejected 1 (quarantined by the pipeline) + unparsed 1 (dead-lettered)
      assertThat(ingested).isEqualTo(new IngestSummary(5, 3, 0, 1, 1));
      assertThat(run.in()).isEqualTo(4);
      assertThat(run.written()).isEqualTo(3);
      assertThat(run.quarantined()).isEqualTo(1);
      assertThat(rows(catalog.loadTable(tableId))).extracting(r -> r.getField("query_name"))
          .containsExactlyInAnyOrder("one.example.org", "two.example.org", "three.example.org");
      Table quarantine = catalog.loadTable(TableIdentifier.of("na", "carry_over_it_quarantine"));
      List<Record> quarantined = rows(quarantine);
      assertThat(quarantined).hasSize(1);
      assertThat(quarantined.getFirst().getField("reason"))
          .isEqualTo("contract 1.0.0: query_name: required but unset in the source");
      assertThat(quarantined.getFirst().getField("record_key")).isEqualTo(log.getFileName() + ":8");
      assertThat(StandardCharsets.UTF_8.decode((java.nio.ByteBuffer) quarantined.getFirst().getField("original"))
          .toString()).isEqualTo(unset.strip());
      assertThat(quarantine.currentSnapshot().summary())
          .containsEntry(org.dnsmesh.productkit.write.CommitProperties.QUARANTINE_REASONS, "{\"contract.query_name\":1}");
      // dead-letter topic: the undecodable source line (file:line, bytes as read) and the quarantined record's copy
      Map<String, byte[]> letters = deadLetters(topic);
      assertThat(letters).hasSize(2);
      assertThat(letters.get(log.getFileName() + ":10")).isEqualTo(java.util.Arrays.copyOf(latin1, latin1.length - 1));
    }
  }

  /**
   * A topic written in Kafka transactions, as exactly-once producers (the detection topology) write: each transaction
   * ends in a commit marker that takes an offset but is never delivered, and an aborted transaction's records are
   * skipped. A run "until caught up" must end once the source has read past them (it used to wait for the last marker
   * forever), with every committed record read exactly once and the table's offsets after each partition's last record.
   */
  @Test
  void transactionalTopicIsReadToItsEndPastCommitMarkersAndAbortedRecords() throws Exception {
    TopicName plain = new TopicName("na", "plain-it", "raw");
    TopicName transactional = new TopicName("na", "transactional-it", "raw");
    createTopics(plain);
    createTopics(transactional);
    TableIdentifier tableId = TableIdentifier.of("na", "transactional_it");
    try (JdbcCatalog catalog = TestCatalogs.jdbc(warehouse);
        KafkaEventPublisher publisher = new KafkaEventPublisher(client(), plain, Map.of())) {
      IngestSummary ingested = publish(plain, publisher,
          new SyntheticDnsGenerator(SyntheticProfile.resolverDefaults(300, 7)));
      List<ConsumerRecord<String, byte[]>> events = readAll(plain, ingested.published());

      // the same events, same partitions, in three committed transactions with an aborted one after the first
      Map<Integer, Long> afterLastRecord = new java.util.TreeMap<>();
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(client().settings(Map.of(
          ProducerConfig.TRANSACTIONAL_ID_CONFIG, "na.transactional-it"), Map.of()), new StringSerializer(),
          new ByteArraySerializer())) {
        producer.initTransactions();
        int third = events.size() / 3;
        for (int t = 0; t < 3; t++) {
          producer.beginTransaction();
          List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
          for (ConsumerRecord<String, byte[]> event : events.subList(t * third, t == 2 ? events.size() : (t + 1) * third)) {
            sent.add(producer.send(new ProducerRecord<>(transactional.toString(), event.partition(), event.key(),
                event.value(), event.headers())));
          }
          producer.commitTransaction();
          for (java.util.concurrent.Future<RecordMetadata> metadata : sent) {
            afterLastRecord.merge(metadata.get().partition(), metadata.get().offset() + 1, Math::max);
          }
          if (t == 0) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(transactional.toString(), 0, "aborted", events.getFirst().value()));
            producer.flush();
            producer.abortTransaction();
          }
        }
      }
      Map<Integer, Long> logEnds = new java.util.TreeMap<>();
      try (Admin admin = Admin.create(kafka.clientProperties(PRINCIPAL))) {
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        for (int p = 0; p < 3; p++) {
          latest.put(new TopicPartition(transactional.toString(), p), OffsetSpec.latest());
        }
        admin.listOffsets(latest).all().get().forEach((tp, info) -> logEnds.put(tp.partition(), info.offset()));
      }
      assertThat(afterLastRecord).as("every partition has records").hasSize(3);
      afterLastRecord.forEach((partition, offset) -> assertThat(logEnds.get(partition))
          .as("partition %s ends in a marker the source never delivers", partition).isGreaterThan(offset));

      RunSummary run = assertTimeoutPreemptively(Duration.ofSeconds(120),
          () -> runPipeline(catalog, transactional, tableId),
          "a run until caught up waited for offsets that are never delivered");

      assertThat(run.in()).isEqualTo(events.size());
      assertThat(run.written() + run.quarantined()).isEqualTo(events.size());
      Table table = catalog.loadTable(tableId);
      assertThat(rows(table)).hasSize((int) run.written());
      assertThat(KafkaOffsets.committedIn(table).forTopic(transactional.toString())).isEqualTo(afterLastRecord);
      // a second run finds nothing new and ends too
      RunSummary again = assertTimeoutPreemptively(Duration.ofSeconds(60),
          () -> runPipeline(catalog, transactional, tableId));
      assertThat(again.in()).isZero();
    }
  }

  /** The first {@code expected} records of every partition of {@code topic}, read from the beginning. */
  static List<ConsumerRecord<String, byte[]>> readAll(TopicName topic, long expected) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(client().settings(Map.of(), Map.of()),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = List.of(new TopicPartition(topic.toString(), 0),
          new TopicPartition(topic.toString(), 1), new TopicPartition(topic.toString(), 2));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    assertThat(records).hasSize((int) expected);
    return records;
  }

  /** The kit's event schema with {@code fields} required (no null branch), as a contract requiring them maps it. */
  static org.apache.avro.Schema requiring(String... fields) {
    Set<String> required = Set.of(fields);
    List<org.apache.avro.Schema.Field> copied = new ArrayList<>();
    for (org.apache.avro.Schema.Field field : DnsQueryEventSchema.SCHEMA.getFields()) {
      org.apache.avro.Schema type = field.schema();
      if (required.contains(field.name()) && type.isUnion()) {
        type = type.getTypes().stream().filter(t -> t.getType() != org.apache.avro.Schema.Type.NULL).findFirst()
            .orElseThrow();
        copied.add(new org.apache.avro.Schema.Field(field.name(), type, field.doc()));
      } else {
        copied.add(new org.apache.avro.Schema.Field(field, type));
      }
    }
    return org.apache.avro.Schema.createRecord("StrictDnsQueryEvent", null, "org.dnsmesh.dns", false, copied);
  }

  /** Every letter on the dead-letter topic by its {@code dnsmesh.source} header. */
  static Map<String, byte[]> deadLetters(TopicName topic) {
    Map<String, byte[]> letters = new java.util.HashMap<>();
    try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
        // the domain's pipeline credentials and a group in its prefix: the broker's ACLs allow nothing else
        client().settings(Map.of(), Map.of("auto.offset.reset", "earliest",
            "group.id", topic.domain() + ".dlq-reader-" + topic.product())),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic.deadLetter().toString()));
      long total = count(topic.deadLetter());
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (letters.size() < total && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> letters.put(
            new String(r.headers().lastHeader("dnsmesh.source").value(), StandardCharsets.UTF_8), r.value()));
      }
    }
    return letters;
  }
}

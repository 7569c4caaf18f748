package org.dnsmesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.dnsmesh.contracts.AvroSchemas;
import org.dnsmesh.contracts.ContractValidator;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.Finding;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.infra.demo.DemoData;
import org.dnsmesh.infra.iceberg.IcebergAppender;
import org.dnsmesh.infra.iceberg.LocalFileIO;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.infra.stack.KafkaBroker;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.PostgresDatabase;
import org.dnsmesh.infra.stack.QualityMonitorProcess;
import org.dnsmesh.infra.stack.StackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The quality monitor as `mesh up` runs it, on the real stack: it discovers products in the catalog's registry,
 * builds its checks from their published ODCS contracts, and each breach caused here arrives as an alert on the
 * real Kafka topic {@code mesh.quality.alerts}: writes that stop (freshness), a column added out of band through
 * the Iceberg REST API (drift, within seconds), NULLs in a contract-required column (completeness, SQL on Trino as
 * the monitor's own principal), a sudden volume drop against seeded history; a healthy product gets no alert and
 * shows "passing" on its product page. Short poll intervals keep the class well under two minutes.
 */
@Tag("e2e")
class QualityBreachIT {
  private static final String ALERTS = "mesh.quality.alerts";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Namespace E2E = Namespace.of("quality_e2e");
  private static final Map<String, String> MONITOR_SETTINGS = Map.of(
      "quality.poll-interval", "2s",
      "quality.drift-poll-interval", "1s",
      "quality.registry.refresh", "1s");

  private static StackConfig config;
  private static MeshStack stack;
  private static RESTCatalog na;
  private static final List<JsonNode> alerts = new CopyOnWriteArrayList<>();
  private static Thread consumerThread;
  private static volatile boolean consuming = true;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final Schema EVENTS = new Schema(
      Types.NestedField.required(1, "ts", Types.TimestampType.withZone()),
      Types.NestedField.required(2, "id", Types.StringType.get()));

  @BeforeAll
  static void up() throws Exception {
    MONITOR_SETTINGS.forEach(System::setProperty);
    config = E2eStacks.config("dnsmesh_test_e2e_quality", "dnsmesh-quality-e2e-");
    stack = E2eStacks.up(config);
    startConsumer();
    new DemoData(config, stack.tokens()).seed();

    na = catalog("na");
    na.createNamespace(E2E);
    for (String table : List.of("heartbeat_events", "dns_lookups", "volume_events", "reject_events")) {
      Table created = na.createTable(TableIdentifier.of(E2E, table), EVENTS);
      IcebergAppender.append(created, events(created.schema(), 3));
    }
    // a burst of rejects: as many records in the quarantine table as in the table, with the kit's reason classes
    Table rejects = na.createTable(TableIdentifier.of(E2E, "reject_events_quarantine"), EVENTS);
    IcebergAppender.append(rejects, events(rejects.schema(), 3),
        Map.of("dnsmesh.quarantine.reasons", "{\"contract.qtype\":3}"));
    // NULLs in resolver_id, which the contract below requires (the demo table has it optional)
    Table queries = na.loadTable(DemoData.QUERIES);
    IcebergAppender.append(queries, queriesWithoutResolver(queries.schema(), 4));

    register("na", "quality-stale", "quality_e2e", "heartbeat_events", eventsContract("na", "quality-stale",
        "heartbeat_events", "6", "s"));
    register("na", "quality-drift", "quality_e2e", "dns_lookups", eventsContract("na", "quality-drift",
        "dns_lookups", "1", "d"));
    register("na", "quality-volume", "quality_e2e", "volume_events", eventsContract("na", "quality-volume",
        "volume_events", "1", "d"));
    register("na", "quality-rejects", "quality_e2e", "reject_events", eventsContract("na", "quality-rejects",
        "reject_events", "1", "d"));
    register("na", "quality-nulls", "resolver", "queries", queriesContract());
    register("eu", "quality-healthy", "authoritative", "responses", healthyContract());
    // an invalid contract (a column without classification) never reaches the registry: the catalog validates
    // every publication itself, so the monitor only ever sees valid contracts
    String invalid = healthyContract().replace("quality-healthy", "quality-invalid")
        .replace(", classification: internal}", "}");
    post("/api/v1/products", JSON.writeValueAsString(Map.of("domain", "eu", "name", "quality-invalid",
        "description", "quality e2e quality-invalid", "ownerTeam", "quality-e2e", "status", "active",
        "outputPorts", List.of(Map.of("namespace", "authoritative", "table", "responses_invalid")))));
    HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(config.catalogUrl()
            + "/api/v1/products/eu/quality-invalid/contracts"))
        .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("version", "1.0.0",
            "document", invalid, "avroSchema", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}")))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("property-classification");
    seedVolumeHistory("na.quality-volume", "na.quality_e2e.volume_events", 1000);
  }

  @AfterAll
  static void down() throws Exception {
    consuming = false;
    if (consumerThread != null) {
      consumerThread.join(5000);
    }
    if (na != null) {
      na.close();
    }
    MONITOR_SETTINGS.keySet().forEach(System::clearProperty);
    if (stack != null) {
      System.out.println("[mesh] stopped " + stack.down());
      assertThat(stack.status()).allSatisfy(status -> assertThat(status.pid()).isNull());
    }
  }

  @Test
  void writesThatStopBreachFreshnessAndANewCommitResolvesIt() throws Exception {
    JsonNode opened = awaitAlert(Duration.ofSeconds(40), "na.quality-stale", "freshness", "OPENED");
    assertThat(opened.path("status").asText()).isEqualTo("BREACHED");
    assertThat(opened.path("table").asText()).isEqualTo("na.quality_e2e.heartbeat_events");

    // the writer comes back as a live product does: a commit every second. One commit alone is fresh for only
    // the SLA's 6 s, and a monitor cycle that also runs Trino checks can take longer than that on a loaded machine.
    Table table = na.loadTable(TableIdentifier.of(E2E, "heartbeat_events"));
    JsonNode resolved;
    try (var heartbeat = java.util.concurrent.Executors.newSingleThreadScheduledExecutor()) {
      heartbeat.scheduleWithFixedDelay(() -> {
        table.refresh();
        IcebergAppender.append(table, events(table.schema(), 1));
      }, 0, 1, java.util.concurrent.TimeUnit.SECONDS);
      resolved = awaitAlert(Duration.ofSeconds(40), "na.quality-stale", "freshness", "RESOLVED");
      heartbeat.shutdownNow();
    }
    assertThat(resolved.path("alertId").asText()).isEqualTo(opened.path("alertId").asText());
  }

  @Test
  void aColumnAddedOutOfBandIsSchemaDriftWithinSeconds() throws Exception {
    awaitChecked("na.quality-drift", "schema_drift", Duration.ofSeconds(30));
    Table table = na.loadTable(TableIdentifier.of(E2E, "dns_lookups"));
    table.updateSchema().addColumn("added_out_of_band", Types.StringType.get()).commit();
    Instant committed = Instant.now();

    JsonNode opened = awaitAlert(Duration.ofSeconds(20), "na.quality-drift", "schema_drift", "OPENED");
    Duration latency = Duration.between(committed, Instant.parse(opened.path("at").asText()));
    System.out.printf("[quality] schema drift alert %d ms after the commit%n", latency.toMillis());
    assertThat(opened.path("findings").toString()).contains("added_out_of_band");
    assertThat(latency).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void nullsInARequiredColumnBreachCompletenessThroughTrino() throws Exception {
    JsonNode opened = awaitAlert(Duration.ofSeconds(40), "na.quality-nulls", "completeness", "OPENED");
    assertThat(opened.path("status").asText()).isEqualTo("BREACHED");
    // every generated query ran on Trino as the monitor's principal: nulls, enum, range, duplicate keys
    assertThat(opened.path("findings").toString()).contains("nulls in required column resolver_id: 100.0000%")
        .contains("allowed set/range in qtype").contains("allowed set/range in latency_ms")
        .doesNotContain("duplicate");
    JsonNode rule = awaitAlert(Duration.ofSeconds(20), "na.quality-nulls", "contract_rules", "OPENED");
    assertThat(rule.path("findings").toString()).contains("latency_sane: 1.0 violates mustBe 0.0");
    // the cycle posts its OpenLineage facets after the table's alerts: the product page follows within the cycle
    assertThat(awaitQualityStatus("na", "quality-nulls", "failing", Duration.ofSeconds(15))).isEqualTo("failing");
  }

  @Test
  void aSuddenVolumeDropAgainstHistoryBreachesVolume() throws Exception {
    JsonNode opened = awaitAlert(Duration.ofSeconds(40), "na.quality-volume", "volume", "OPENED");
    assertThat(opened.path("status").asText()).isEqualTo("BREACHED");
    assertThat(opened.path("findings").toString()).contains("drop");
  }

  @Test
  void aBurstOfQuarantinedRecordsIsRecordDriftByReason() throws Exception {
    JsonNode opened = awaitAlert(Duration.ofSeconds(40), "na.quality-rejects", "record_drift", "OPENED");
    assertThat(opened.path("status").asText()).isEqualTo("BREACHED");
    assertThat(opened.path("summary").asText()).startsWith("50.000% of 6 records quarantined");
    assertThat(opened.path("findings").toString()).contains("contract.qtype: 3 of 6 records");
  }

  @Test
  void aHealthyProductRaisesNoAlertAndShowsPassing() throws Exception {
    awaitChecked("eu.quality-healthy", "completeness", Duration.ofSeconds(40));
    // a few more full cycles (2 s each) with every check, completeness SQL on Trino included
    Thread.sleep(5000);
    assertThat(alerts).noneMatch(alert -> alert.path("product").asText().equals("eu.quality-healthy"));
    assertThat(awaitQualityStatus("eu", "quality-healthy", "passing", Duration.ofSeconds(15))).isEqualTo("passing");
    JsonNode page = productPage("eu", "quality-healthy");
    assertThat(page.path("outputTables").get(0).path("qualityStatus").asText()).isEqualTo("passing");
    String metrics = get(new QualityMonitorProcess(config).url() + "/metrics");
    assertThat(metrics).contains("dnsmesh_quality_check_status{check=\"completeness\",product=\"eu.quality-healthy\"");
  }

  /** The broker as `mesh up` runs it: a product cannot forge alerts, an analyst cannot read them, nobody anonymous. */
  @Test
  void onlyTheMonitorWritesAlertsAndAnalystsCannotReadThem() {
    KafkaBroker kafka = new KafkaBroker(config);
    Map<String, Object> forger = new java.util.HashMap<>(kafka.clientProperties("publisher-na"));
    forger.put("max.block.ms", 5_000);
    forger.put("delivery.timeout.ms", 5_000);
    forger.put("request.timeout.ms", 4_000);
    try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer =
        new org.apache.kafka.clients.producer.KafkaProducer<>(forger, new org.apache.kafka.common.serialization.StringSerializer(),
            new org.apache.kafka.common.serialization.StringSerializer())) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> producer.send(
          new org.apache.kafka.clients.producer.ProducerRecord<>(ALERTS, "{\"forged\":true}")).get())
          .hasCauseInstanceOf(org.apache.kafka.common.errors.TopicAuthorizationException.class);
    }
    // an analyst is refused the topic; a client without credentials never gets past the SASL handshake
    Map<Map<String, Object>, Class<? extends Exception>> readers = Map.of(
        kafka.clientProperties("ana"), org.apache.kafka.common.errors.TopicAuthorizationException.class,
        Map.of("bootstrap.servers", config.kafkaBootstrap()), org.apache.kafka.common.errors.TimeoutException.class);
    for (var reader : readers.entrySet()) {
      Map<String, Object> settings = new java.util.HashMap<>(reader.getKey());
      settings.put("default.api.timeout.ms", 5_000);
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
          new StringDeserializer())) {
        TopicPartition partition = new TopicPartition(ALERTS, 0);
        consumer.assign(List.of(partition));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> consumer.position(partition))
            .isInstanceOf(reader.getValue());
      }
    }
    assertThat(alerts).noneMatch(alert -> alert.has("forged"));
  }

  // --- alerts on the real topic ---------------------------------------------------------------------------

  private static void startConsumer() throws Exception {
    // alerts are read by the policy's reviewers and auditors (Kafka ACLs compiled from the policy)
    Map<String, Object> settings = new java.util.HashMap<>(new KafkaBroker(config).clientProperties("steward-na"));
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
        new StringDeserializer());
    // the monitor creates the topic with the broker's default partitions (3 in the mesh): read them all
    List<TopicPartition> partitions = consumer.partitionsFor(ALERTS).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    consumerThread = Thread.ofPlatform().daemon().name("alert-consumer").start(() -> {
      try (consumer) {
        while (consuming) {
          for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            try {
              JsonNode alert = JSON.readTree(record.value());
              System.out.println("[quality] alert " + record.value());
              alerts.add(alert);
            } catch (Exception e) {
              throw new IllegalStateException("alert is not JSON: " + record.value(), e);
            }
          }
        }
      }
    });
  }

  private static JsonNode awaitAlert(Duration timeout, String product, String check, String type) throws Exception {
    Predicate<JsonNode> matches = alert -> alert.path("product").asText().equals(product)
        && alert.path("check").asText().equals(check) && alert.path("type").asText().equals(type);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<JsonNode> found = alerts.stream().filter(matches).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + type + " alert for " + product + "/" + check + " within " + timeout
        + "; alerts so far: " + alerts);
  }

  /** Waits until the monitor has recorded a result of {@code check} for the product (it is watching it). */
  private static void awaitChecked(String product, String check, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Connection connection = DriverManager.getConnection(config.postgres().databaseUrl(), config.postgres().user(),
        config.postgres().password());
        PreparedStatement query = connection.prepareStatement(
            "SELECT count(*) FROM quality.check_result WHERE product = ? AND check_name = ? AND status <> 'ERROR'")) {
      query.setString(1, product);
      query.setString(2, check);
      while (System.nanoTime() < deadline) {
        try (var rows = query.executeQuery()) {
          rows.next();
          if (rows.getLong(1) > 0) {
            return;
          }
        }
        Thread.sleep(200);
      }
    }
    throw new AssertionError("the monitor recorded no " + check + " result for " + product + " within " + timeout);
  }

  // --- registry, tables, history --------------------------------------------------------------------------

  private static String adminToken() {
    return stack.tokens().mint("root", List.of("admin"), List.of(), Duration.ofMinutes(10));
  }

  private static RESTCatalog catalog(String domain) {
    RESTCatalog catalog = new RESTCatalog();
    catalog.initialize(domain, Map.of(
        "uri", config.icebergRestUrl(),
        "warehouse", domain,
        "token", stack.tokens().mint("publisher-" + domain, List.of("publisher"), List.of(domain), Duration.ofMinutes(10)),
        "io-impl", LocalFileIO.class.getName(),
        "rest-metrics-reporting-enabled", "false"));
    return catalog;
  }

  private static void register(String domain, String product, String namespace, String table, String contractText)
      throws Exception {
    DataContract contract = DataContracts.parse(contractText, product);
    List<Finding> findings = ContractValidator.validate(contractText, product);
    assertThat(findings).as("contract of " + product + " lints clean").hasSize(product.contains("invalid") ? 1 : 0);
    Map<String, Object> body = Map.of("domain", domain, "name", product, "description", "quality e2e " + product,
        "ownerTeam", "quality-e2e", "status", "active",
        "outputPorts", List.of(Map.of("namespace", namespace, "table", table)));
    post("/api/v1/products", JSON.writeValueAsString(body));
    String avro = AvroSchemas.of(contract, table).toString();
    post("/api/v1/products/" + domain + "/" + product + "/contracts",
        JSON.writeValueAsString(Map.of("version", contract.version(), "document", contractText, "avroSchema", avro)));
  }

  private static void post(String path, String body) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(config.catalogUrl() + path))
        .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST " + path + ": " + response.body()).isBetween(200, 201);
  }

  private static JsonNode productPage(String domain, String product) throws Exception {
    return JSON.readTree(get(config.catalogUrl() + "/api/v1/products/" + domain + "/" + product + "?depth=0"));
  }

  /** The product page's overall quality status once it is {@code expected}, else the last one seen. */
  private static String awaitQualityStatus(String domain, String product, String expected, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String status = productPage(domain, product).path("qualityStatus").asText();
    while (!status.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      status = productPage(domain, product).path("qualityStatus").asText();
    }
    return status;
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + adminToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET " + url + ": " + response.body()).isEqualTo(200);
    return response.body();
  }

  /**
   * The monitor's own volume measurements of earlier days (what it would have recorded had it run then): 1000
   * records in the evaluated hour on each of the last 3 days, for this hour and the next, so the band exists
   * even when the test crosses an hour boundary.
   */
  private static void seedVolumeHistory(String product, String table, int perHour) throws Exception {
    Instant hour = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 3600 * 3600);
    try (Connection connection = DriverManager.getConnection(config.postgres().databaseUrl(), config.postgres().user(),
        config.postgres().password());
        PreparedStatement insert = connection.prepareStatement("INSERT INTO quality.check_result (product, table_name,"
            + " check_name, status, summary, measurements, findings, checked_at) VALUES (?, ?, 'volume', 'OK',"
            + " 'seeded', ?::jsonb, '[]'::jsonb, ?)")) {
      for (int next = 0; next <= 1; next++) {
        for (int day = 1; day <= 3; day++) {
          // a measurement taken in hour H+1 is the one of hour H
          Instant checkedAt = hour.plus(Duration.ofHours(next)).minus(Duration.ofDays(day)).plusSeconds(60);
          insert.setString(1, product);
          insert.setString(2, table);
          insert.setString(3, "{\"added_records\": " + perHour + "}");
          insert.setTimestamp(4, Timestamp.from(checkedAt));
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
  }

  private static List<Record> events(Schema schema, int count) {
    List<Record> rows = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (int i = 0; i < count; i++) {
      GenericRecord row = GenericRecord.create(schema);
      row.setField("ts", now.minusSeconds(count - i));
      row.setField("id", "e-" + System.nanoTime() + "-" + i);
      rows.add(row);
    }
    return rows;
  }

  private static List<Record> queriesWithoutResolver(Schema schema, int count) {
    List<Record> rows = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (int i = 0; i < count; i++) {
      GenericRecord row = GenericRecord.create(schema);
      row.setField("ts", now.minusSeconds(i));
      row.setField("client_ip", "198.51.100." + i);
      row.setField("client_id", "c-" + i);
      row.setField("qname", "q" + i + ".example.com");
      row.setField("qtype", i == 0 ? "BOGUS" : "A");                 // outside the contract's enum
      row.setField("rcode", "NOERROR");
      row.setField("latency_ms", i == 1 ? 70_000 : 10 + i);          // outside its range, and the SQL rule
      row.setField("resolver_id", null);
      row.setField("region", "na");
      rows.add(row);
    }
    return rows;
  }

  // --- contracts (ODCS v3.1, linted clean) ----------------------------------------------------------------

  private static String header(String domain, String product, String freshness, String unit, String element) {
    return """
        apiVersion: v3.1.0
        kind: DataContract
        id: %2$s
        name: %2$s
        version: 1.0.0
        status: active
        domain: %1$s
        dataProduct: %2$s
        team:
          name: quality-e2e
        slaProperties:
          - property: freshness
            value: %3$s
            unit: %4$s
            element: %5$s
        """.formatted(domain, product, freshness, unit, element);
  }

  private static String eventsContract(String domain, String product, String table, String freshness, String unit) {
    return header(domain, product, freshness, unit, table + ".ts") + """
        schema:
          - name: %1$s
            physicalName: %1$s
            physicalType: table
            properties:
              - {name: ts, logicalType: timestamp, physicalType: timestamp(6) with time zone, required: true, classification: public}
              - {name: id, logicalType: string, physicalType: varchar, required: true, classification: public}
        """.formatted(table);
  }

  private static String queriesContract() {
    return header("na", "quality-nulls", "1", "d", "queries.ts") + """
        schema:
          - name: queries
            physicalName: queries
            physicalType: table
            quality:
              - {name: latency_sane, type: sql, query: "SELECT count(*) FROM queries WHERE latency_ms > 60000", mustBe: 0}
            properties:
              - {name: ts, logicalType: timestamp, physicalType: timestamp(6) with time zone, required: true, classification: public}
              - name: client_ip
                logicalType: string
                required: true
                classification: pii
                customProperties:
                  - {property: maskingRule, value: ip-prefix}
              - {name: client_id, logicalType: string, required: false, classification: internal}
              - {name: qname, logicalType: string, required: true, primaryKey: true, primaryKeyPosition: 1, classification: internal}
              - name: qtype
                logicalType: string
                required: true
                classification: public
                customProperties:
                  - {property: enumSymbols, value: [A, AAAA, MX]}
              - {name: rcode, logicalType: string, required: true, classification: public}
              - {name: latency_ms, logicalType: integer, logicalTypeOptions: {minimum: 0, maximum: 60000}, required: false, classification: public}
              - {name: resolver_id, logicalType: string, required: true, classification: internal}
              - {name: region, logicalType: string, required: true, classification: public}
        """;
  }

  private static String healthyContract() {
    return header("eu", "quality-healthy", "30", "d", "responses.ts") + """
        schema:
          - name: responses
            physicalName: responses
            physicalType: table
            properties:
              - {name: ts, logicalType: timestamp, physicalType: timestamp(6) with time zone, required: true, classification: public}
              - name: source_ip
                logicalType: string
                required: true
                classification: pii
                customProperties:
                  - {property: maskingRule, value: ip-prefix}
              - {name: zone, logicalType: string, required: true, classification: public}
              - {name: qname, logicalType: string, required: true, classification: internal}
              - {name: rcode, logicalType: string, required: true, classification: public}
              - {name: region, logicalType: string, required: true, classification: public}
        """;
  }
}

package org.dnsmesh.productkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema.Field;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.GroupState;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.productkit.pipeline.InputRecord;
import org.dnsmesh.productkit.transport.AvroEventCodec;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.productkit.transport.KafkaEventPublisher;
import org.dnsmesh.productkit.transport.KafkaRecordSource;
import org.dnsmesh.productkit.transport.TopicName;
import org.dnsmesh.productkit.write.TestCatalogs;

/**
 * What a user would otherwise pick to move Kafka events into Iceberg (issue 20): Apache Iceberg's own Kafka Connect
 * sink ({@code iceberg-kafka-connect}) on Kafka Connect in standalone mode, one task, a 1 s commit interval, run on
 * the rows the pipeline wrote in the same bench run. Equal terms, as far as the two designs allow:
 * <ul>
 *   <li>the same rows (read back from the pipeline's topic and written as the JSON a producer would send, untimed),
 *       the same broker, the same partition count, the same producer settings ({@link KafkaEventPublisher});</li>
 *   <li>the same catalog (the JdbcCatalog on the local PostgreSQL the pipeline commits to, by the same catalog
 *       name), the same FileIO, the same table schema, partitioning and table properties (zstd Parquet);</li>
 *   <li>the same JVM flags as this bench (heap, collector), in its own JVM as Connect runs;</li>
 *   <li>the clock as the pipeline's: first record produced -> the commit that holds the last one. The worker and
 *       its task are started and their consumer group is stable before the clock starts (launch is not charged).</li>
 * </ul>
 * The sink does less work than the pipeline (no normalisation, pseudonymisation, validation, de-duplication,
 * no sort within files): any handicap is ours. The run is checked (snapshot total = rows read back = distinct
 * event ids = rows produced) or its number means nothing. Connect's jars come from the {@code kafka-connect-peer}
 * profile; without it the peer is skipped and the bench says so.
 */
final class KafkaConnectPeer {

  static final String CONNECTOR_CLASS = "org.apache.iceberg.connect.IcebergSinkConnector";
  private static final String CONNECTOR = "iceberg-peer";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The peer's figures. */
  record Result(long events, double seconds, double cpuSeconds, double launchSeconds, int commits, String check) {
    double eventsPerSecond() {
      return seconds <= 0 ? 0 : events / seconds;
    }
  }

  private KafkaConnectPeer() {}

  static boolean available() {
    try {
      Class.forName(CONNECTOR_CLASS, false, KafkaConnectPeer.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  static Result run(EphemeralKafka kafka, TopicName pipelineTopic, AvroEventCodec codec, JdbcCatalog catalog,
      Path catalogWarehouse, Table template, int partitions, Path work, String runName) throws Exception {
    List<byte[]> values = jsonRows(KafkaClientConfig.of(kafka.clientProperties("pipeline-na")), pipelineTopic, codec);
    TopicName topic = new TopicName("na", "bench-peer-" + runName, "raw");
    String control = "bench-peer-control-" + runName;
    try (Admin admin = Admin.create(kafka.adminProperties())) {
      admin.createTopics(List.of(new NewTopic(topic.toString(), partitions, (short) 1),
          new NewTopic(control, 1, (short) 1))).all().get();
    }
    TableIdentifier id = TableIdentifier.of("na", "bench_peer_" + runName);
    Table table = catalog.createTable(id, template.schema(), template.spec(), template.properties());
    Path dir = Files.createDirectories(work.resolve("connect-" + runName));
    int restPort = freePort();
    Path worker = write(dir.resolve("worker.properties"), workerProperties(kafka, dir, restPort));
    Path connector = write(dir.resolve("connector.properties"),
        connectorProperties(kafka, catalog, catalogWarehouse, topic, control, id));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    // the bench JVM's own flags (heap, collector): the peer gets what the pipeline gets
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-X") || a.startsWith("--enable-native-access")).forEach(command::add);
    command.addAll(List.of("-Dlog4j.configuration=file:" + write(dir.resolve("log4j.properties"),
            "log4j.rootLogger=WARN, stdout\nlog4j.appender.stdout=org.apache.log4j.ConsoleAppender\n"
                + "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout\n"),
        "-cp", System.getProperty("java.class.path"),
        // the sink finds the worker's file in sun.java.command: the main class and the file must come first
        "org.apache.kafka.connect.cli.ConnectStandalone", worker.toString(), connector.toString()));
    Path log = dir.resolve("connect.log");
    long launched = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      awaitRunning(process, restPort, log);
      awaitStableGroup(kafka, "connect-" + CONNECTOR, process, log);
      double launchSeconds = (System.nanoTime() - launched) / 1e9;
      System.out.printf("  [peer] Kafka Connect + Iceberg sink running in %.1f s; producing %,d JSON events%n",
          launchSeconds, values.size());
      double cpuStart = cpuSeconds(process);
      long startMillis = System.currentTimeMillis();
      try (KafkaEventPublisher publisher = new KafkaEventPublisher(KafkaClientConfig.of(kafka.adminProperties()), topic,
          Map.of())) {
        for (byte[] value : values) {
          publisher.send(null, value);
        }
        publisher.flush();
      }
      Snapshot last = awaitRows(catalog, id, values.size(), process, log);
      double seconds = (last.timestampMillis() - startMillis) / 1e3;
      double cpuSeconds = cpuSeconds(process) - cpuStart;
      table.refresh();
      int commits = 0;
      for (Snapshot s = table.currentSnapshot(); s != null; s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
        commits++;
      }
      String check = check(table, values.size());
      return new Result(values.size(), seconds, cpuSeconds, launchSeconds, commits, check);
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** The pipeline topic's events as JSON documents, field for field (timestamps as ISO-8601 instants). */
  private static List<byte[]> jsonRows(KafkaClientConfig client, TopicName source, AvroEventCodec codec)
      throws Exception {
    List<byte[]> values = new ArrayList<>();
    try (KafkaRecordSource records = new KafkaRecordSource(client, source, Map.of())) {
      records.open(Map.of());
      long remaining = records.endOffsets().values().stream().mapToLong(Long::longValue).sum();
      while (remaining > 0) {
        for (InputRecord input : records.poll(Duration.ofSeconds(1))) {
          remaining--;
          values.add(JSON.writeValueAsBytes(json(codec.decode(input.value()))));
        }
      }
    }
    return values;
  }

  static ObjectNode json(GenericRecord row) {
    ObjectNode node = JSON.createObjectNode();
    for (Field field : row.getSchema().getFields()) {
      Object value = row.get(field.pos());
      if (value == null) {
        node.putNull(field.name());
      } else if (value instanceof Long micros && field.name().endsWith("_ts")) {
        node.put(field.name(), Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS).toString());
      } else if (value instanceof List<?> list) {
        ArrayNode array = node.putArray(field.name());
        list.forEach(item -> array.add(JSON.valueToTree(item instanceof CharSequence text ? text.toString() : item)));
      } else if (value instanceof CharSequence text) {
        node.put(field.name(), text.toString());
      } else {
        node.set(field.name(), JSON.valueToTree(value));
      }
    }
    return node;
  }

  private static String workerProperties(EphemeralKafka kafka, Path dir, int restPort) {
    StringBuilder p = new StringBuilder();
    Map<String, Object> client = kafka.adminProperties();
    client.forEach((k, v) -> p.append(k).append('=').append(v).append('\n'));
    for (String prefix : List.of("producer.", "consumer.", "admin.")) {
      client.forEach((k, v) -> p.append(prefix).append(k).append('=').append(v).append('\n'));
    }
    p.append("key.converter=org.apache.kafka.connect.storage.StringConverter\n")
        .append("value.converter=org.apache.kafka.connect.json.JsonConverter\n")
        .append("value.converter.schemas.enable=false\n")
        .append("offset.storage.file.filename=").append(dir.resolve("connect.offsets")).append('\n')
        // the 60 s default stalls the final commit by up to two flush intervals (../shared/notes)
        .append("offset.flush.interval.ms=1000\n")
        .append("listeners=http://127.0.0.1:").append(restPort).append('\n')
        .append("plugin.discovery=only_scan\n");
    return p.toString();
  }

  private static String connectorProperties(EphemeralKafka kafka, JdbcCatalog catalog, Path catalogWarehouse,
      TopicName topic, String control, TableIdentifier id) {
    StringBuilder p = new StringBuilder();
    p.append("name=").append(CONNECTOR).append('\n')
        .append("connector.class=").append(CONNECTOR_CLASS).append('\n')
        .append("tasks.max=1\n")
        .append("topics=").append(topic).append('\n')
        .append("iceberg.tables=").append(id).append('\n')
        .append("iceberg.tables.auto-create-enabled=false\n")
        .append("iceberg.control.topic=").append(control).append('\n')
        .append("iceberg.control.commit.interval-ms=1000\n")
        // the same catalog: JdbcCatalog keys its tables by catalog name, so the sink uses the bench catalog's name
        .append("iceberg.catalog=").append(catalog.name()).append('\n');
    TestCatalogs.properties(catalogWarehouse).forEach((k, v) -> p.append("iceberg.catalog.").append(k).append('=').append(v).append('\n'));
    p.append("iceberg.catalog.catalog-impl=").append(JdbcCatalog.class.getName()).append('\n');
    kafka.adminProperties().forEach((k, v) -> p.append("iceberg.kafka.").append(k).append('=').append(v).append('\n'));
    return p.toString();
  }

  private static void awaitRunning(Process process, int port, Path log) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI status = URI.create("http://127.0.0.1:" + port + "/connectors/" + CONNECTOR + "/status");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      alive(process, log);
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          JsonNode tasks = JSON.readTree(response.body()).path("tasks");
          if (!tasks.isEmpty() && "RUNNING".equals(tasks.get(0).path("state").asText())) {
            return;
          }
          if (!tasks.isEmpty() && "FAILED".equals(tasks.get(0).path("state").asText())) {
            throw new IllegalStateException("the Iceberg sink task failed: " + tasks.get(0).path("trace").asText());
          }
        }
      } catch (IOException notYet) {
        // the worker's REST listener is not up yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Kafka Connect did not run the sink within 3 minutes; see " + log);
  }

  private static void awaitStableGroup(EphemeralKafka kafka, String group, Process process, Path log)
      throws Exception {
    try (Admin admin = Admin.create(kafka.adminProperties())) {
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (System.nanoTime() < deadline) {
        alive(process, log);
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        if (description.groupState() == GroupState.STABLE
            && description.members().stream().anyMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
          return;
        }
        Thread.sleep(250);
      }
    }
    throw new IllegalStateException("the sink's consumer group " + group + " did not become stable; see " + log);
  }

  private static Snapshot awaitRows(JdbcCatalog catalog, TableIdentifier id, long expected, Process process, Path log)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    long lastPrint = System.nanoTime();
    while (System.nanoTime() < deadline) {
      alive(process, log);
      Snapshot current = catalog.loadTable(id).currentSnapshot();
      long rows = current == null ? 0 : Long.parseLong(current.summary().getOrDefault("total-records", "0"));
      if (rows >= expected) {
        return current;
      }
      if (System.nanoTime() - lastPrint > 5_000_000_000L) {
        lastPrint = System.nanoTime();
        System.out.printf("  [peer] committed %,d of %,d%n", rows, expected);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the sink did not commit " + expected + " rows within 30 minutes; see " + log);
  }

  /** Snapshot total = rows read back = distinct event ids = rows produced, or the figure means nothing. */
  private static String check(Table table, long expected) throws IOException {
    long total = Long.parseLong(table.currentSnapshot().summary().get("total-records"));
    long read = 0;
    Set<String> ids = new HashSet<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).select("event_id").build()) {
      for (Record row : rows) {
        read++;
        ids.add(row.getField("event_id").toString());
      }
    }
    if (total != expected || read != expected || ids.size() != expected) {
      throw new IllegalStateException("the peer's table does not hold exactly the produced rows: produced " + expected
          + ", snapshot total " + total + ", read back " + read + ", distinct event ids " + ids.size());
    }
    return "snapshot total = read back = distinct event ids = " + expected;
  }

  /** CPU time of the Connect JVM so far (the broker not included, as for the pipeline's figures). */
  private static double cpuSeconds(Process process) {
    return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
  }

  private static void alive(Process process, Path log) throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException("Kafka Connect exited with " + process.exitValue() + ":\n"
          + String.join("\n", tail(log)));
    }
  }

  private static List<String> tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return lines.subList(Math.max(0, lines.size() - 40), lines.size());
  }

  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static Map<String, Object> describe(Result result, double pipelineEventsPerSecond) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("events", result.events());
    json.put("seconds", Math.round(result.seconds() * 100) / 100.0);
    json.put("events_per_second", Math.round(result.eventsPerSecond()));
    json.put("cpu_seconds", Math.round(result.cpuSeconds() * 100) / 100.0);
    json.put("launch_seconds_not_timed", Math.round(result.launchSeconds() * 10) / 10.0);
    json.put("commits", result.commits());
    json.put("check", result.check());
    json.put("pipeline_to_sink_ratio", Math.round(pipelineEventsPerSecond / result.eventsPerSecond() * 100) / 100.0);
    return json;
  }
}

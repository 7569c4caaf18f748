package org.dnsmesh.products.security.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.pseudonymize.PseudonymKey;
import org.dnsmesh.productkit.pseudonymize.Pseudonymizer;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.products.security.Canonicalizer;
import org.dnsmesh.products.security.ChangeEventCodec;
import org.dnsmesh.products.security.Criticality;
import org.dnsmesh.products.security.DetectionApp;
import org.dnsmesh.products.security.DetectionSettings;
import org.dnsmesh.products.security.DetectionTopology;
import org.dnsmesh.products.security.DomainAsset;
import org.dnsmesh.products.security.Finding;
import org.dnsmesh.products.security.JsonSerde;
import org.dnsmesh.products.security.NameserverSet;
import org.dnsmesh.products.security.RawCollector;
import org.dnsmesh.products.security.ReferenceData;
import org.dnsmesh.products.security.RegistrarChanges;
import org.dnsmesh.products.security.SourceSystem;

/**
 * Benchmark runner (not a test): {@code ./mvnw -B -pl data-products/security-registrar-changes -am -Pbench
 * -DskipTests verify [-Dbench.events=N] [-Dbench.domains=D]}. On one real broker (SASL/SCRAM + ACLs):
 * <ol>
 *   <li>throughput: N raw zone-change events over D domains (backlog) through the exactly-once topology, timed until
 *       its group's committed offsets reach the end of every input (raw, canonical, repartition topics);</li>
 *   <li>baseline, same run, same events: a plain consumer that only deserialises and counts them — the raw records
 *       (UTF-8 decoding + the collector's parse and canonicalisation are the topology's first step, so the baseline
 *       does that too) and, separately, the canonical Avro events (decode only);</li>
 *   <li>latency: events produced at a fixed rate (bench.rate, default 50 % of the measured throughput) with an attack
 *       (NS change to an unknown nameserver) every 500 events; latency = alert consumed on mesh.security.alerts minus
 *       the attack's send time; p50/p99/max.</li>
 * </ol>
 * Prints a table and writes JSON to bench.out.
 */
public final class DetectionBench {

  private static final DomainKeyRing KEYS = new DomainKeyRing("security", "b1",
      Map.of("b1", new PseudonymKey("b1", "security-bench-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))));

  public static void main(String[] args) throws Exception {
    long events = Long.getLong("bench.events", 1_000_000);
    int domains = Integer.getInteger("bench.domains", 10_000);
    int latencySeconds = Integer.getInteger("bench.latencySeconds", 30);
    Path out = Path.of(System.getProperty("bench.out", "target/bench/detection-bench.json"));
    Path state = Files.createTempDirectory("security-bench-");
    try (EphemeralKafka kafka = EphemeralKafka.start(EphemeralKafka.projectHome())) {
      KafkaClientConfig pipeline = KafkaClientConfig.of(kafka.clientProperties("pipeline-security"));
      Map<String, String> kept = Map.of("retention.ms", "-1"); // events are days old
      try (Admin admin = Admin.create(kafka.clientProperties("pipeline-security"))) {
        admin.createTopics(List.of(new NewTopic(RegistrarChanges.RAW.toString(), 3, (short) 1).configs(kept),
            new NewTopic(RegistrarChanges.CANONICAL.toString(), 3, (short) 1).configs(kept),
            new NewTopic(RegistrarChanges.DEAD_LETTER.toString(), 1, (short) 1).configs(kept),
            new NewTopic(RegistrarChanges.DETECTIONS.toString(), 3, (short) 1).configs(kept),
            new NewTopic(RegistrarChanges.CASES.toString(), 3, (short) 1).configs(kept),
            new NewTopic(DetectionTopology.INVENTORY_TOPIC, 1, (short) 1),
            new NewTopic(DetectionTopology.WINDOWS_TOPIC, 1, (short) 1),
            new NewTopic(DetectionTopology.NAMESERVERS_TOPIC, 1, (short) 1))).all().get();
      }
      // the topology reads approved suppressions (none here) from the topic only the catalog service creates
      try (Admin admin = Admin.create(kafka.clientProperties("catalog-service"))) {
        admin.createTopics(List.of(new NewTopic(DetectionTopology.SUPPRESSIONS_TOPIC, 1, (short) 1)
            .configs(Map.of("cleanup.policy", "compact")))).all().get();
      }
      try (ReferenceData reference = new ReferenceData(pipeline)) {
        for (int d = 0; d < domains; d++) {
          reference.put(new DomainAsset(domain(d), "team-" + d % 50, "bu-" + d % 10, Criticality.values()[d % 3],
              "acct-" + d % 500));
          reference.put(new NameserverSet(domain(d), List.of("ns1.dnsprov.example", "ns2.dnsprov.example")));
        }
        reference.flush();
      }
      // 1. backlog: N events produced before the topology starts (6 feeds so all raw partitions carry load)
      Random random = new Random(42);
      long start = Instant.now().minus(Duration.ofDays(30)).toEpochMilli();
      try (Admin admin = Admin.create(kafka.adminProperties())) {
        var resource = new org.apache.kafka.common.config.ConfigResource(
            org.apache.kafka.common.config.ConfigResource.Type.TOPIC, DetectionTopology.ALERTS_TOPIC);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
            new org.apache.kafka.clients.admin.ConfigEntry("retention.ms", "-1"),
            org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get();
      }
      long produceStarted = System.nanoTime();
      try (RawCollector collector = new RawCollector(pipeline)) {
        for (long i = 0; i < events; i++) {
          long t = start + i * 20; // 50 events per second of event time (10 M events: 2.3 days)
          collector.send(SourceSystem.ZONE_CHANGE_LOG, "zone-change-log:feed-" + (i % 6), "b:" + i,
              zoneLine(random, t, domain(random.nextInt(domains)), i).getBytes(StandardCharsets.UTF_8), t);
        }
        collector.flush();
      }
      double produceSeconds = (System.nanoTime() - produceStarted) / 1e9;
      System.out.printf("produced %,d raw events in %.1f s%n", events, produceSeconds);

      long started = System.nanoTime();
      KafkaStreams streams = DetectionApp.start(KafkaClientConfig.of(kafka.clientProperties("security-detections")),
          KEYS, state, DetectionSettings.defaults());
      awaitCaughtUp(kafka, Duration.ofMinutes(60));
      double topologySeconds = (System.nanoTime() - started) / 1e9;
      double topologyRate = events / topologySeconds;
      System.out.printf("topology: %,d events in %.1f s = %,.0f events/s%n", events, topologySeconds, topologyRate);

      // 2. baselines on the same events
      Canonicalizer canonicalizer = new Canonicalizer(RegistrarChanges.contract(), new Pseudonymizer(KEYS));
      double[] rawBaseline = consumeAndCount(kafka, RegistrarChanges.RAW.toString(), events,
          r -> canonicalizer.canonical(SourceSystem.ZONE_CHANGE_LOG.wireName(), r.value()));
      ChangeEventCodec codec = ChangeEventCodec.forContract();
      double[] canonicalBaseline = consumeAndCount(kafka, RegistrarChanges.CANONICAL.toString(), events,
          r -> codec.decode(r.value()));

      // 3. latency at a fixed rate with attacks
      double rate = Double.parseDouble(System.getProperty("bench.rate", String.valueOf(Math.max(100, topologyRate * 0.5))));
      Map<String, Long> sentAt = new ConcurrentHashMap<>();
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean stop = new AtomicBoolean();
      Thread alerts = new Thread(() -> readAlerts(kafka, sentAt, latencies, stop));
      alerts.start();
      long sent = 0;
      long attacks = 0;
      try (RawCollector collector = new RawCollector(pipeline)) {
        long t0 = System.nanoTime();
        long eventBase = start + events * 20 + 86_400_000L;
        while (System.nanoTime() - t0 < latencySeconds * 1_000_000_000L) {
          long due = (long) (sent / rate * 1e9);
          long wait = due - (System.nanoTime() - t0);
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
          long t = eventBase + sent * 20;
          if (sent % 500 == 0) {
            String domain = domain(random.nextInt(domains));
            String line = "ts=" + Instant.ofEpochMilli(t) + " id=atk-" + sent + " tenant=acme zone=" + domain
                + ". op=REPLACE name=" + domain + ". type=NS ttl=86400->300 old=ns1.dnsprov.example new=ns1.evil-"
                + sent + ".example user=ops@acct.example ip=198.51.100.9";
            sentAt.put("atk-" + sent, System.nanoTime());
            collector.send(SourceSystem.ZONE_CHANGE_LOG, "zone-change-log:feed-" + (sent % 6), "l:" + sent,
                line.getBytes(StandardCharsets.UTF_8), t);
            collector.flush();
            attacks++;
          } else {
            collector.send(SourceSystem.ZONE_CHANGE_LOG, "zone-change-log:feed-" + (sent % 6), "l:" + sent,
                zoneLine(random, t, domain(random.nextInt(domains)), sent).getBytes(StandardCharsets.UTF_8), t);
          }
          sent++;
        }
        collector.flush();
      }
      Thread.sleep(10_000);
      stop.set(true);
      alerts.join();
      streams.close(Duration.ofSeconds(30));
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      double p50 = percentile(sorted, 0.50);
      double p99 = percentile(sorted, 0.99);
      double max = sorted.isEmpty() ? Double.NaN : sorted.getLast() / 1e6;

      String table = """
          security detection bench: %,d events, %,d domains, 1 stream thread, exactly_once_v2, 2-core shared machine
          | what | events/s |
          |---|---|
          | detection topology (raw -> canonical -> 3 detectors -> cases -> outputs) | %,.0f |
          | plain consumer: raw records, deserialise + canonicalise, count | %,.0f |
          | plain consumer: canonical Avro events, deserialise, count | %,.0f |
          latency at %,.0f events/s offered (%,d events, %,d attacks, %,d alerts seen): p50 %.0f ms, p99 %.0f ms, max %.0f ms
          """.formatted(events, domains, topologyRate, rawBaseline[1], canonicalBaseline[1], rate, sent, attacks,
          sorted.size(), p50, p99, max);
      System.out.println(table);
      Files.createDirectories(out.toAbsolutePath().getParent());
      Map<String, Object> json = new java.util.LinkedHashMap<>();
      json.put("events", events);
      json.put("domains", domains);
      json.put("topologyEventsPerSecond", topologyRate);
      json.put("rawConsumerEventsPerSecond", rawBaseline[1]);
      json.put("canonicalConsumerEventsPerSecond", canonicalBaseline[1]);
      json.put("offeredRate", rate);
      json.put("attacks", attacks);
      json.put("alertsSeen", sorted.size());
      json.put("latencyP50Ms", p50);
      json.put("latencyP99Ms", p99);
      json.put("latencyMaxMs", max);
      Files.write(out, JsonSerde.bytes(json));
      System.out.println("wrote " + out);
    }
  }

  static String domain(int d) {
    return "d" + d + ".example";
  }

  private static String zoneLine(Random random, long t, String domain, long i) {
    String[] types = {"A", "AAAA", "TXT", "CNAME"};
    String type = types[random.nextInt(types.length)];
    String value = switch (type) {
      case "A" -> "192.0.2." + random.nextInt(250);
      case "AAAA" -> "2001:db8::" + random.nextInt(250);
      case "TXT" -> "\"v=" + random.nextInt(1000) + "\"";
      default -> "t" + random.nextInt(50) + ".cdn.example";
    };
    return "ts=" + Instant.ofEpochMilli(t) + " id=b-" + i + " tenant=acme zone=" + domain + ". op=REPLACE name=www"
        + random.nextInt(20) + "." + domain + ". type=" + type + " ttl=300->300 old=- new=" + value
        + " user=ops" + random.nextInt(200) + "@acct.example ip=198.51.100." + random.nextInt(250);
  }

  /**
   * Until the topology's group has committed every partition of every input (raw, canonical, the three repartition
   * topics) to its end; a partition nothing was written to counts as done (lag <= 1 allows a commit marker).
   */
  private static void awaitCaughtUp(EphemeralKafka kafka, Duration timeout) throws Exception {
    String app = DetectionTopology.APPLICATION_ID;
    List<String> inputs = List.of(RegistrarChanges.RAW.toString(), RegistrarChanges.CANONICAL.toString(),
        app + "-by-actor-repartition", app + "-by-account-repartition", app + "-by-case-repartition");
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(kafka.adminProperties())) {
      while (System.nanoTime() < deadline) {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(app)
            .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        boolean topicsExist = admin.listTopics().names().get().containsAll(inputs);
        if (topicsExist) {
          admin.describeTopics(inputs).allTopicNames().get().forEach((name, description) ->
              description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()),
                  OffsetSpec.latest())));
          Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
          boolean done = ends.entrySet().stream().allMatch(e -> {
            OffsetAndMetadata c = committed.get(e.getKey());
            return e.getValue().offset() - (c == null ? 0 : c.offset()) <= 1;
          });
          if (done && committed.containsKey(new TopicPartition(RegistrarChanges.RAW.toString(), 0))) {
            return;
          }
        }
        Thread.sleep(500);
      }
    }
    throw new IllegalStateException("topology did not catch up within " + timeout);
  }

  /** Returns {seconds, events per second}. */
  private static double[] consumeAndCount(EphemeralKafka kafka, String topic, long expected,
      java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> deserialise) {
    Map<String, Object> settings = new HashMap<>(kafka.adminProperties());
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    settings.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long count = 0;
      long t0 = System.nanoTime();
      while (count < expected) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          deserialise.accept(record);
          count++;
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("baseline %s: %,d in %.1f s = %,.0f events/s%n", topic, count, seconds, count / seconds);
      return new double[] {seconds, count / seconds};
    }
  }

  private static void readAlerts(EphemeralKafka kafka, Map<String, Long> sentAt, List<Long> latencies,
      AtomicBoolean stop) {
    Map<String, Object> settings = new HashMap<>(kafka.clientProperties("steward-security"));
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, "mesh.security.alerts.bench");
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(DetectionTopology.ALERTS_TOPIC));
      while (!stop.get()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
          long now = System.nanoTime();
          Finding finding = JsonSerde.read(record.value(), Finding.class);
          Object triggerTs = finding.event().get("event_ts");
          // the attack's source id is not in the canonical event; match by the new nameserver's unique name
          Object newValue = finding.event().get("new_value");
          if (newValue != null && newValue.toString().startsWith("ns1.evil-")) {
            String id = "atk-" + newValue.toString().substring("ns1.evil-".length(), newValue.toString().indexOf(".example"));
            Long sent = sentAt.remove(id);
            if (sent != null && triggerTs != null) {
              latencies.add(now - sent);
            }
          }
        }
      }
    }
  }

  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, rank - 1)) / 1e6;
  }
}

package org.dnsmesh.productkit.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.productkit.lineage.LineageEmitter;
import org.dnsmesh.productkit.normalize.CaptureDuplicateFilter;
import org.dnsmesh.productkit.normalize.DnsNormalizer;
import org.dnsmesh.productkit.normalize.UnicodeNames;
import org.dnsmesh.productkit.pipeline.DnsIngest;
import org.dnsmesh.productkit.pipeline.IngestSummary;
import org.dnsmesh.productkit.pipeline.InputRecord;
import org.dnsmesh.productkit.pipeline.PipelineConfig;
import org.dnsmesh.productkit.pipeline.ProductPipeline;
import org.dnsmesh.productkit.pipeline.ProgressListener;
import org.dnsmesh.productkit.pipeline.RunSummary;
import org.dnsmesh.productkit.pipeline.RunUntil;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.pseudonymize.PrivacyPolicy;
import org.dnsmesh.productkit.pseudonymize.PseudonymKey;
import org.dnsmesh.productkit.pseudonymize.Pseudonymizer;
import org.dnsmesh.productkit.source.SyntheticDnsGenerator;
import org.dnsmesh.productkit.source.SyntheticProfile;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.productkit.transport.AvroEventCodec;
import org.dnsmesh.productkit.transport.DnsQueryEventSchema;
import org.dnsmesh.productkit.transport.EventSink;
import org.dnsmesh.productkit.transport.KafkaDeadLetterPublisher;
import org.dnsmesh.productkit.transport.KafkaEventPublisher;
import org.dnsmesh.productkit.transport.KafkaRecordSource;
import org.dnsmesh.productkit.transport.LocalSchemaResolver;
import org.dnsmesh.productkit.transport.TopicName;
import org.dnsmesh.productkit.validate.FieldRule;
import org.dnsmesh.productkit.validate.FieldType;
import org.dnsmesh.productkit.validate.Presence;
import org.dnsmesh.productkit.validate.RecordValidator;
import org.dnsmesh.productkit.write.IcebergRecords;
import org.dnsmesh.productkit.write.TableLayout;
import org.dnsmesh.productkit.write.TestCatalogs;

/**
 * Pipeline throughput benchmark (issue 6), with its physical-limit baseline in the same run:
 * <ol>
 *   <li><b>end to end</b>: synthetic DNS events are generated, normalised, pseudonymised, Avro-encoded and
 *       produced to a real Kafka broker while the kit's {@link ProductPipeline} consumes, validates and commits
 *       them to Iceberg (JdbcCatalog on the local PostgreSQL, local-file warehouse, as the product ITs use);
 *       clock from the first generated event to the commit that covers the last one. After a warm-up run (not
 *       measured) it runs {@code bench.iterations} times (default 5), each followed by its own bare-writer baseline
 *       on the same rows; the table shows the median run and its baseline, the JSON every pair;</li>
 *   <li><b>pipeline alone</b>: the same topic replayed into a fresh table (Kafka -> validate -> Iceberg commit);</li>
 *   <li><b>bare Parquet writer</b>: the same rows (read back from the topic and decoded beforehand, untimed) written
 *       with Iceberg's Parquet writer for Avro records (as the pipeline's), same schema, partitioning and compression, no validation, no commit.</li>
 * </ol>
 * Prints a table and writes JSON. Run with {@code ./mvnw -B -pl templates/product-kit -am -Pbench -DskipTests
 * verify [-Dbench.events=1000000]} (see the module README). Not a test: nothing runs it in {@code ./mesh test}.
 */
public final class PipelineBench {

  private static final String PRODUCT = "bench";
  private static final TableLayout LAYOUT = new TableLayout(List.of("day(event_ts)", "tld"), List.of("query_name"));
  /** The rules of the na-resolver-queries contract that apply to the kit's standard schema. */
  static final RecordValidator VALIDATOR = new RecordValidator(List.of(
      FieldRule.of("event_id", FieldType.STRING, Presence.REQUIRED).matching("[0-9a-f]{32}"),
      FieldRule.of("event_ts", FieldType.TIMESTAMP, Presence.REQUIRED),
      FieldRule.of("client_id", FieldType.STRING, Presence.REQUIRED).matching("[0-9a-f]{32}"),
      FieldRule.of("client_id_key_id", FieldType.STRING, Presence.REQUIRED),
      FieldRule.of("server_ip", FieldType.STRING, Presence.OPTIONAL).maxLength(45),
      FieldRule.of("protocol", FieldType.STRING, Presence.OPTIONAL).allowed(Set.of("udp", "tcp")),
      FieldRule.of("query_name", FieldType.STRING, Presence.REQUIRED).matching("\\.|[a-z0-9_*-]+(\\.[a-z0-9_*-]+)*")
          .maxLength(253),
      FieldRule.of("latency_ms", FieldType.NUMBER, Presence.OPTIONAL).range(0.0, 60_000.0),
      FieldRule.of("rd", FieldType.BOOLEAN, Presence.OPTIONAL),
      FieldRule.of("ra", FieldType.BOOLEAN, Presence.OPTIONAL)));

  private PipelineBench() {}

  /** Options from system properties ({@code -Dbench.events=...}) so the Maven profile can pass them. */
  record Options(long events, long warmupEvents, int iterations, int partitions, int batchRecords, long seed,
      Path out) {
    static Options fromSystemProperties() {
      return new Options(
          Long.getLong("bench.events", 1_000_000L),
          Long.getLong("bench.warmup", 1_000_000L),
          Math.max(1, Integer.getInteger("bench.iterations", 5)),
          Integer.getInteger("bench.partitions", 3),
          batchOrDefault(Integer.getInteger("bench.batch", 0)),
          Long.getLong("bench.seed", 6L),
          Path.of(System.getProperty("bench.out", "target/bench/pipeline-bench.json")));
    }
  }

  /** One row of the result table. */
  private static int batchOrDefault(int batch) {
    return batch > 0 ? batch
        : PipelineConfig.of(PRODUCT, "1.0.0", TableIdentifier.of("na", "t"), LAYOUT).batchRecords();
  }

  /** One row of the result table; {@code cpuSeconds} is this JVM's CPU time in the stage (the broker not included). */
  record Stage(String name, String what, long events, double seconds, double cpuSeconds) {
    double eventsPerSecond() {
      return seconds <= 0 ? 0 : events / seconds;
    }

    double eventsPerCpuSecond() {
      return cpuSeconds <= 0 ? 0 : events / cpuSeconds;
    }
  }

  private static double processCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }

  private static double threadCpuSeconds() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.fromSystemProperties();
    String loadBefore = loadAverage();
    System.out.printf(Locale.ROOT, "pipeline bench: %,d synthetic events x %d measured end-to-end runs, %d partitions, "
        + "batch %,d, %d cores, load average %s%n", options.events(), options.iterations(), options.partitions(),
        options.batchRecords(), Runtime.getRuntime().availableProcessors(), loadBefore);
    AvroEventCodec codec = AvroEventCodec.of(DnsQueryEventSchema.SCHEMA, new LocalSchemaResolver());
    Path warehouse = Files.createTempDirectory("dnsmesh-bench-");
    List<Stage> stages = new ArrayList<>();
    Map<String, Object> details = new LinkedHashMap<>();
    try (EphemeralKafka kafka = EphemeralKafka.start(EphemeralKafka.projectHome());
        JdbcCatalog catalog = TestCatalogs.jdbc(warehouse.resolve("tables"))) {
      TopicName warmupTopic = new TopicName("na", PRODUCT + "-warmup", "raw");
      List<TopicName> runTopics = new ArrayList<>();
      for (int i = 1; i <= options.iterations(); i++) {
        runTopics.add(new TopicName("na", PRODUCT + "-run" + i, "raw"));
      }
      try (Admin admin = Admin.create(kafka.clientProperties("pipeline-na"))) {
        List<NewTopic> topics = new ArrayList<>();
        for (TopicName t : concat(warmupTopic, runTopics)) {
          topics.add(new NewTopic(t.toString(), options.partitions(), (short) 1));
          topics.add(new NewTopic(t.deadLetter().toString(), 1, (short) 1));
        }
        admin.createTopics(topics).all().get();
      }
      if (options.warmupEvents() > 0) {
        // a long-running pipeline is JIT-compiled: warm the same code paths up first (not measured)
        EndToEnd warmup = endToEnd(KafkaClientConfig.of(kafka.clientProperties("pipeline-na")), warmupTopic, "bench_warmup", codec, catalog,
            options.warmupEvents(), options);
        System.out.printf(Locale.ROOT, "  [warm-up] %,d events end to end in %.1f s (not measured)%n",
            warmup.run().in(), warmup.seconds());
        awaitQuietJit();
      }
      // 1. end to end: producer and pipeline at the same time, several runs (each on its own topic and table); the
      // table shows the median run, the JSON every run
      List<EndToEnd> runs = new ArrayList<>();
      List<Stage> bareRuns = new ArrayList<>();
      for (int i = 0; i < runTopics.size(); i++) {
        double brokerBefore = brokerCpuSeconds(kafka);
        String table = "bench_e2e_" + (i + 1);
        EndToEnd run = endToEnd(KafkaClientConfig.of(kafka.clientProperties("pipeline-na")), runTopics.get(i), table, codec, catalog,
            options.events(), options).withBrokerCpu(brokerCpuSeconds(kafka) - brokerBefore);
        // the baseline right after each run, on that run's rows: the machine's speed drifts over minutes (a shared
        // VM), so each run is compared with a baseline measured moments later, not with one at the end
        Stage bare = bareWriter(KafkaClientConfig.of(kafka.clientProperties("pipeline-na")), runTopics.get(i), codec,
            catalog.loadTable(TableIdentifier.of("na", table)).spec(), warehouse.resolve("bare-" + (i + 1)));
        System.out.printf(Locale.ROOT, "  [e2e] run %d: %,.0f events/s (%.2f s, %.1f CPU-s here + %.1f broker); "
            + "bare writer %,.0f rows/s; ratio %.2fx%n", i + 1, run.eventsPerSecond(), run.seconds(),
            run.cpuSeconds(), run.brokerCpuSeconds(), bare.eventsPerSecond(),
            run.eventsPerSecond() / bare.eventsPerSecond());
        runs.add(run.withBare(bare.eventsPerSecond()));
        bareRuns.add(bare);
      }
      List<EndToEnd> byRate = new ArrayList<>(runs);
      byRate.sort(java.util.Comparator.comparingDouble(EndToEnd::eventsPerSecond));
      EndToEnd e2e = byRate.get(byRate.size() / 2);
      int median = runs.indexOf(e2e);
      TopicName topic = runTopics.get(median);
      details.put("end_to_end_runs", runs.stream().map(EndToEnd::describe).toList());
      details.put("end_to_end_median_run", median + 1);
      details.put("end_to_end_cpu_by_thread", e2e.cpuByThread());
      details.put("end_to_end_jit_compile_seconds", round(e2e.jitSeconds()));
      details.put("end_to_end_gc_seconds", round(e2e.gcSeconds()));
      // the broker is its own process: its CPU is not in the stages' cpu column, but shares the same two cores
      details.put("end_to_end_broker_cpu_seconds", round(e2e.brokerCpuSeconds()));
      stages.add(new Stage("produce", "generate -> normalise -> pseudonymise -> Avro -> Kafka (during e2e; "
          + "cpu: producing thread)", e2e.ingest.published(), e2e.produceSeconds, e2e.produceCpuSeconds));
      stages.add(new Stage("end_to_end", "produce -> Kafka -> validate -> Iceberg commit (median of " + runs.size()
          + " runs)", e2e.run.in(), e2e.seconds, e2e.cpuSeconds));
      details.put("end_to_end_run", e2e.run.describe());
      details.put("end_to_end_commits", e2e.run.commits());

      // 2. the pipeline alone on the same topic, into a fresh table
      double cpuBefore = processCpuSeconds();
      double brokerBefore = brokerCpuSeconds(kafka);
      RunSummary replay = pipelineAlone(KafkaClientConfig.of(kafka.clientProperties("pipeline-na")), topic, codec, catalog, options);
      details.put("pipeline_broker_cpu_seconds", round(brokerCpuSeconds(kafka) - brokerBefore));
      stages.add(new Stage("pipeline", "Kafka -> decode -> validate -> Iceberg commit (topic already full)",
          replay.in(), replay.elapsed().toNanos() / 1e9, processCpuSeconds() - cpuBefore));
      details.put("pipeline_run", replay.describe());
      for (EndToEnd run : runs) {
        check(run.run, replay, run.ingest.published());
      }

      // 3. informational: a bare writer on as many threads as the pipeline's writer, on the median run's rows
      int writerThreads = PipelineConfig.defaultWriterThreads();
      if (writerThreads > 1) {
        stages.add(bareWriter(KafkaClientConfig.of(kafka.clientProperties("pipeline-na")), topic, codec,
            catalog.loadTable(TableIdentifier.of("na", "bench_e2e_" + (median + 1))).spec(),
            warehouse.resolve("bare-threads"), writerThreads));
      }
      // 4. the peer a user would otherwise pick (issue 20): Iceberg's Kafka Connect sink on the median run's rows
      if (KafkaConnectPeer.available()) {
        KafkaConnectPeer.Result peer = KafkaConnectPeer.run(kafka, topic, codec, catalog, warehouse.resolve("tables"),
            catalog.loadTable(TableIdentifier.of("na", "bench_e2e_" + (median + 1))), options.partitions(), warehouse,
            "median");
        stages.add(new Stage("kafka_connect_iceberg_sink", "Iceberg's Kafka Connect sink, 1 task, 1 s commits: the same "
            + "rows as JSON -> Kafka -> Iceberg commit (" + peer.commits() + " commits; cpu: the Connect JVM)",
            peer.events(), peer.seconds(), peer.cpuSeconds()));
        details.put("kafka_connect_peer", KafkaConnectPeer.describe(peer, e2e.eventsPerSecond()));
        System.out.printf(Locale.ROOT, "  [peer] %,.0f events/s (%.2f s); pipeline end to end / sink = %.2fx (goal >= 2x); %s%n",
            peer.eventsPerSecond(), peer.seconds(), e2e.eventsPerSecond() / peer.eventsPerSecond(), peer.check());
      } else {
        details.put("kafka_connect_peer", "not run: add the kafka-connect-peer profile (-Pbench,kafka-connect-peer)");
        System.out.println("  [peer] Iceberg's Kafka Connect sink not on the class path: add -Pkafka-connect-peer");
      }
      // 5. the baseline: the bare writer on the median run's rows (measured right after that run)
      stages.add(bareRuns.get(median));
    } finally {
      deleteTree(warehouse);
    }
    Stage bare = stages.getLast();
    String loadAfter = loadAverage();
    printTable(stages, bare, loadBefore, loadAfter);
    System.out.printf(Locale.ROOT, "end-to-end runs: median %,.0f events/s; median of each run's ratio to its own "
        + "bare-writer run %.2fx (goal: >= 100,000 events/s and >= 0.5x)%n", stages.stream()
        .filter(st -> st.name().equals("end_to_end")).findFirst().orElseThrow().eventsPerSecond(),
        medianPairRatio(details));
    System.out.printf(Locale.ROOT, "broker process (not in cpu s): %.2f CPU-s during end_to_end, %.2f during pipeline;"
        + " end_to_end GC pauses %.2f s%n", details.get("end_to_end_broker_cpu_seconds"),
        details.get("pipeline_broker_cpu_seconds"), details.get("end_to_end_gc_seconds"));
    writeJson(options, stages, bare, details, loadBefore, loadAfter);
  }

  private record EndToEnd(IngestSummary ingest, RunSummary run, double produceSeconds, double produceCpuSeconds,
      double seconds, double cpuSeconds, Map<String, Double> cpuByThread, double jitSeconds, double gcSeconds,
      double brokerCpuSeconds, double bareRowsPerSecond) {
    EndToEnd withBrokerCpu(double broker) {
      return new EndToEnd(ingest, run, produceSeconds, produceCpuSeconds, seconds, cpuSeconds, cpuByThread,
          jitSeconds, gcSeconds, broker, bareRowsPerSecond);
    }

    EndToEnd withBare(double rowsPerSecond) {
      return new EndToEnd(ingest, run, produceSeconds, produceCpuSeconds, seconds, cpuSeconds, cpuByThread,
          jitSeconds, gcSeconds, brokerCpuSeconds, rowsPerSecond);
    }

    double eventsPerSecond() {
      return seconds <= 0 ? 0 : run.in() / seconds;
    }

    Map<String, Object> describe() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("events_per_second", Math.round(eventsPerSecond()));
      json.put("bare_writer_rows_per_second", Math.round(bareRowsPerSecond));
      json.put("ratio_to_bare_writer", round(eventsPerSecond() / bareRowsPerSecond));
      json.put("seconds", round(seconds));
      json.put("produce_seconds", round(produceSeconds));
      json.put("cpu_seconds", round(cpuSeconds));
      json.put("broker_cpu_seconds", round(brokerCpuSeconds));
      json.put("jit_compile_seconds", round(jitSeconds));
      json.put("gc_seconds", round(gcSeconds));
      json.put("commits", run.commits());
      return json;
    }
  }

  private static List<TopicName> concat(TopicName first, List<TopicName> rest) {
    List<TopicName> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }

  private static double brokerCpuSeconds(EphemeralKafka kafka) {
    return kafka.brokerCpu().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
  }

  /** Time the collectors spent (pauses, for the parallel collector), summed over collectors. */
  private static double gcSeconds() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum() / 1e3;
  }

  private static double jitSeconds() {
    return ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3;
  }

  /**
   * Waits (at most 60 s) until the JIT compilers are nearly idle, so that the measured stages see steady-state code
   * as a long-running pipeline does, not C2 compiling Kafka, Avro and Parquet on the same two cores.
   */
  private static void awaitQuietJit() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    double before = jitSeconds();
    while (System.nanoTime() < deadline) {
      Thread.sleep(2_000);
      double now = jitSeconds();
      if (now - before < 0.1) {
        break;
      }
      before = now;
    }
    System.out.printf(Locale.ROOT, "  [warm-up] JIT quiet (%.1f s compile time so far)%n", jitSeconds());
  }

  /** CPU seconds per live Java thread (names with their numbers folded), to see where a stage's CPU went. */
  private static Map<String, Double> threadCpu() {
    var threads = ManagementFactory.getThreadMXBean();
    Map<String, Double> cpu = new java.util.TreeMap<>();
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos > 0) {
          cpu.merge(info.getThreadName().replaceAll("\\d+", "N"), nanos / 1e9, Double::sum);
        }
      }
    }
    return cpu;
  }

  private static Map<String, Double> cpuDelta(Map<String, Double> before, Map<String, Double> after,
      double processSeconds) {
    Map<String, Double> delta = new LinkedHashMap<>();
    double threads = 0;
    for (Map.Entry<String, Double> e : after.entrySet()) {
      double d = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
      if (d >= 0.05) {
        delta.put(e.getKey(), round(d));
      }
      threads += Math.max(0, d);
    }
    delta.put("(JVM: GC, JIT, other)", round(processSeconds - threads));
    return delta;
  }

  private static EndToEnd endToEnd(KafkaClientConfig client, TopicName topic, String table, AvroEventCodec codec,
      JdbcCatalog catalog, long events, Options options) throws Exception {
    PipelineConfig config = PipelineConfig.of(PRODUCT, "1.0.0", TableIdentifier.of("na", table), LAYOUT)
        .withBatchRecords(options.batchRecords());
    AtomicLong committedIn = new AtomicLong();
    AtomicLong lastCommitNanos = new AtomicLong();
    ProgressListener progress = new ProgressListener() {
      private long lastPrint = System.nanoTime();

      @Override
      public void progress(RunSummary soFar) {
        lastCommitNanos.set(System.nanoTime());
        committedIn.set(soFar.in());
        if (System.nanoTime() - lastPrint > 5_000_000_000L) {
          lastPrint = System.nanoTime();
          System.out.printf(Locale.ROOT, "  [e2e] committed %,d events (%d commits)%n", soFar.in(), soFar.commits());
        }
      }

      @Override
      public void finished(RunSummary summary) {}
    };
    try (KafkaRecordSource source = new KafkaRecordSource(client, topic, Map.of());
        KafkaDeadLetterPublisher dlq = new KafkaDeadLetterPublisher(client, topic.deadLetter());
        KafkaEventPublisher publisher = new KafkaEventPublisher(client, topic, overrides("bench.producer."));
        KafkaDeadLetterPublisher ingestDlq = new KafkaDeadLetterPublisher(client, topic.deadLetter())) {
      ProductPipeline pipeline = new ProductPipeline(config, catalog, codec, VALIDATOR, dlq, LineageEmitter.none(),
          progress, "iceberg://na");
      RunSummary[] result = new RunSummary[1];
      Throwable[] failure = new Throwable[1];
      Thread consumer = Thread.ofPlatform().name("bench-pipeline").start(() -> {
        try {
          result[0] = pipeline.run(source, RunUntil.STOPPED);
        } catch (Throwable t) {
          failure[0] = t;
        }
      });
      SyntheticProfile profile = SyntheticProfile.resolverDefaults(events, options.seed());
      long start = System.nanoTime();
      double cpuStart = processCpuSeconds();
      double threadCpuStart = threadCpuSeconds();
      double jitStart = jitSeconds();
      double gcStart = gcSeconds();
      Map<String, Double> threadsBefore = threadCpu();
      IngestSummary ingest = ingest(codec, publisher, ingestDlq).ingest(new SyntheticDnsGenerator(profile),
          CaptureDuplicateFilter.oneMillisecond());
      double produceSeconds = (System.nanoTime() - start) / 1e9;
      double produceCpuSeconds = threadCpuSeconds() - threadCpuStart;
      System.out.printf(Locale.ROOT, "  [e2e] produced %,d events in %.1f s%n", ingest.published(), produceSeconds);
      long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
      while (committedIn.get() < ingest.published() && consumer.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      double seconds = (lastCommitNanos.get() - start) / 1e9;
      double cpuSeconds = processCpuSeconds() - cpuStart;
      Map<String, Double> byThread = cpuDelta(threadsBefore, threadCpu(), cpuSeconds);
      pipeline.requestStop();
      consumer.join();
      if (failure[0] != null) {
        throw new IllegalStateException("pipeline failed: " + failure[0], failure[0]);
      }
      return new EndToEnd(ingest, result[0], produceSeconds, produceCpuSeconds, seconds, cpuSeconds,
          byThread, jitSeconds() - jitStart, gcSeconds() - gcStart, Double.NaN, Double.NaN);
    }
  }

  /** Kafka client settings from {@code -Dbench.producer.linger.ms=50}-style system properties, to try settings. */
  private static Map<String, Object> overrides(String prefix) {
    Map<String, Object> overrides = new HashMap<>();
    System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(prefix))
        .forEach(k -> overrides.put(k.substring(prefix.length()), System.getProperty(k)));
    return overrides;
  }

  private static DnsIngest ingest(AvroEventCodec codec, EventSink sink, KafkaDeadLetterPublisher dlq) {
    PrivacyPolicy policy = new PrivacyPolicy(DnsQueryEventSchema.TREATMENTS, new Pseudonymizer(new DomainKeyRing("na",
        "k1", Map.of("k1", new PseudonymKey("k1", "bench-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))))));
    return new DnsIngest(new DnsNormalizer(UnicodeNames.DROP), policy, codec, sink, dlq);
  }

  private static RunSummary pipelineAlone(KafkaClientConfig client, TopicName topic, AvroEventCodec codec,
      JdbcCatalog catalog, Options options) {
    PipelineConfig config = PipelineConfig.of(PRODUCT, "1.0.0", TableIdentifier.of("na", "bench_replay"), LAYOUT)
        .withBatchRecords(options.batchRecords());
    try (KafkaRecordSource source = new KafkaRecordSource(client, topic, Map.of());
        KafkaDeadLetterPublisher dlq = new KafkaDeadLetterPublisher(client, topic.deadLetter())) {
      ProductPipeline pipeline = new ProductPipeline(config, catalog, codec, VALIDATOR, dlq, LineageEmitter.none(),
          ProgressListener.none(), "iceberg://na");
      return pipeline.run(source, RunUntil.CAUGHT_UP);
    }
  }

  /** The runs must have done the right thing, or their numbers mean nothing. */
  private static void check(RunSummary e2e, RunSummary replay, long published) {
    for (RunSummary run : List.of(e2e, replay)) {
      if (run.in() != published || run.written() + run.quarantined() != published) {
        throw new IllegalStateException("run does not account for every produced event (" + published + "): "
            + run.describe());
      }
    }
    if (e2e.written() != replay.written()) {
      throw new IllegalStateException("end-to-end and replay runs wrote different row counts: " + e2e.written()
          + " vs " + replay.written());
    }
  }

  /**
   * The produced events are read back from the topic and decoded 100,000 at a time (untimed, with each row's
   * partition key), then written (timed); so the baseline writes exactly the rows the pipeline wrote, and holds only
   * one chunk in memory.
   */
  private static Stage bareWriter(KafkaClientConfig client, TopicName topic, AvroEventCodec codec, PartitionSpec spec,
      Path folder) throws Exception {
    return bareWriter(client, topic, codec, spec, folder, 1);
  }

  /**
   * With {@code threads > 1}, each chunk's rows are grouped by partition (untimed) and the partitions are written by
   * that many threads at once, largest first, one thread per partition at a time (informational: the goal's
   * baseline is the single writer, as in every earlier measurement).
   */
  private static Stage bareWriter(KafkaClientConfig client, TopicName topic, AvroEventCodec codec, PartitionSpec spec,
      Path folder, int threads) throws Exception {
    Files.createDirectories(folder);
    Schema schema = spec.schema();
    IcebergRecords records = new IcebergRecords(schema);
    PartitionKey key = new PartitionKey(spec, schema);
    InternalRecordWrapper wrapper = new InternalRecordWrapper(schema.asStruct());
    Map<PartitionKey, PartitionKey> partitions = new HashMap<>(); // one key object per partition
    int chunk = 100_000;
    long nanos = 0;
    double cpu = 0;
    BareParquetWriter writer = new BareParquetWriter(schema, spec, folder);
    List<GenericRecord> rows = new ArrayList<>(chunk);
    List<PartitionKey> rowPartitions = new ArrayList<>(chunk);
    try (KafkaRecordSource source = new KafkaRecordSource(client, topic, Map.of())) {
      source.open(Map.of());
      long remaining = source.endOffsets().values().stream().mapToLong(Long::longValue).sum();
      while (remaining > 0) {
        rows.clear();
        rowPartitions.clear();
        while (rows.size() < chunk && remaining > 0) {
          for (InputRecord input : source.poll(Duration.ofSeconds(1))) {
            remaining--;
            GenericRecord row = codec.decode(input.value());
            key.partition(wrapper.wrap(records.fromAvro(row)));
            rows.add(row);
            rowPartitions.add(partitions.computeIfAbsent(key, k -> k.copy()));
          }
        }
        if (threads > 1) {
          Map<PartitionKey, List<GenericRecord>> grouped = new HashMap<>();
          for (int i = 0; i < rows.size(); i++) {
            grouped.computeIfAbsent(rowPartitions.get(i), k -> new ArrayList<>()).add(rows.get(i));
          }
          List<Map.Entry<PartitionKey, List<GenericRecord>>> largestFirst = new ArrayList<>(grouped.entrySet());
          largestFirst.sort((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()));
          long start = System.nanoTime();
          double cpuStart = processCpuSeconds();
          AtomicInteger next = new AtomicInteger();
          List<Thread> workers = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name("bare-writer-" + t).start(() -> {
              for (int g = next.getAndIncrement(); g < largestFirst.size(); g = next.getAndIncrement()) {
                for (GenericRecord row : largestFirst.get(g).getValue()) {
                  writer.write(largestFirst.get(g).getKey(), row);
                }
              }
            }));
          }
          for (Thread worker : workers) {
            worker.join();
          }
          nanos += System.nanoTime() - start;
          cpu += processCpuSeconds() - cpuStart;
          continue;
        }
        long start = System.nanoTime();
        double cpuStart = processCpuSeconds();
        for (int i = 0; i < rows.size(); i++) {
          writer.write(rowPartitions.get(i), rows.get(i));
        }
        nanos += System.nanoTime() - start;
        cpu += processCpuSeconds() - cpuStart;
      }
    }
    long start = System.nanoTime();
    double cpuStart = processCpuSeconds();
    writer.close();
    nanos += System.nanoTime() - start;
    cpu += processCpuSeconds() - cpuStart;
    deleteTree(folder);
    if (threads > 1) {
      return new Stage("bare_writer_" + threads + "_threads", "informational: the same, partitions on " + threads
          + " threads at once (" + writer.files() + " files)", writer.rows(), nanos / 1e9, cpu);
    }
    return new Stage("bare_parquet_writer", "same rows, same schema/partitioning/zstd, no validation, no commit ("
        + writer.files() + " files; run right after the e2e run)", writer.rows(), nanos / 1e9, cpu);
  }

  private static void printTable(List<Stage> stages, Stage bare, String loadBefore, String loadAfter) {
    System.out.println();
    System.out.printf(Locale.ROOT, "%-22s %10s %9s %11s %9s %8s %12s  %s%n", "stage", "events", "seconds",
        "events/s", "vs bare", "cpu s", "events/cpu-s", "what");
    for (Stage stage : stages) {
      System.out.printf(Locale.ROOT, "%-22s %,10d %9.2f %,11.0f %8.2fx %8.2f %,12.0f  %s%n", stage.name(),
          stage.events(), stage.seconds(), stage.eventsPerSecond(), stage.eventsPerSecond() / bare.eventsPerSecond(),
          stage.cpuSeconds(), stage.eventsPerCpuSecond(), stage.what());
    }
    System.out.printf(Locale.ROOT, "%d cores, load average before %s, after %s (machine shared with other work)%n",
        Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
  }

  private static void writeJson(Options options, List<Stage> stages, Stage bare, Map<String, Object> details,
      String loadBefore, String loadAfter) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "product-kit pipeline");
    json.put("timestamp", Instant.now().toString());
    json.put("events", options.events());
    json.put("kafka_partitions", options.partitions());
    json.put("batch_records", options.batchRecords());
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("java", System.getProperty("java.version"));
    json.put("load_average_before", loadBefore);
    json.put("load_average_after", loadAfter);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Stage stage : stages) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("stage", stage.name());
      row.put("what", stage.what());
      row.put("events", stage.events());
      row.put("seconds", round(stage.seconds()));
      row.put("events_per_second", Math.round(stage.eventsPerSecond()));
      row.put("ratio_to_bare_writer", round(stage.eventsPerSecond() / bare.eventsPerSecond()));
      row.put("cpu_seconds", round(stage.cpuSeconds()));
      row.put("events_per_cpu_second", Math.round(stage.eventsPerCpuSecond()));
      rows.add(row);
    }
    json.put("stages", rows);
    Stage e2e = stages.stream().filter(s -> s.name().equals("end_to_end")).findFirst().orElseThrow();
    // the goal on the median run's rate and on the median of the runs' own ratios (each run vs its own baseline)
    double medianRatio = medianPairRatio(details);
    json.put("median_ratio_of_runs_to_their_bare_writer", round(medianRatio));
    json.put("goal", Map.of("end_to_end_events_per_second", 100_000, "ratio_to_bare_writer", 0.5,
        "met", e2e.eventsPerSecond() >= 100_000 && medianRatio >= 0.5));
    json.put("details", details);
    Path out = options.out().toAbsolutePath();
    Files.createDirectories(out.getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
    System.out.println("wrote " + out);
  }

  @SuppressWarnings("unchecked")
  private static double medianPairRatio(Map<String, Object> details) {
    List<Double> ratios = new ArrayList<>();
    for (Map<String, Object> run : (List<Map<String, Object>>) details.get("end_to_end_runs")) {
      ratios.add(((Number) run.get("ratio_to_bare_writer")).doubleValue());
    }
    ratios.sort(null);
    int n = ratios.size();
    return n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

package org.dnsmesh.productkit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.productkit.source.SyntheticDnsGenerator;
import org.dnsmesh.productkit.source.SyntheticProfile;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.productkit.transport.KafkaEventPublisher;
import org.dnsmesh.productkit.transport.TopicName;
import org.dnsmesh.productkit.write.TestCatalogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under SIGKILL: the pipeline runs as its own JVM and is killed with {@code destroyForcibly} (SIGKILL)
 * at random moments {@value #KILLS} times, then runs to the end. The tables must hold exactly the produced events:
 * every valid event once in the product table, every invalid one once in quarantine.
 */
class PipelineKillIT {

  static final int KILLS = Integer.getInteger("dnsmesh.kill.count", 20);
  static final int EVENTS = 30_000;
  static final int TOP_UP = 5_000;

  @TempDir Path warehouse;

  @Test
  void killedAtRandomMomentsStillExactlyOnce() throws Exception {
    Random random = new Random(Long.getLong("dnsmesh.kill.seed", 20_260_105L));
    try (EphemeralKafka kafka = EphemeralKafka.start(EphemeralKafka.projectHome())) {
      TopicName topic = new TopicName("na", "kill-it", "raw");
      try (Admin admin = Admin.create(kafka.clientProperties(KafkaPipelineIT.PRINCIPAL))) {
        admin.createTopics(List.of(new NewTopic(topic.toString(), 3, (short) 1),
            new NewTopic(topic.deadLetter().toString(), 1, (short) 1))).all().get();
      }
      IngestSummary produced;
      try (KafkaEventPublisher publisher = new KafkaEventPublisher(KafkaClientConfig.of(kafka.clientProperties(KafkaPipelineIT.PRINCIPAL)), topic, Map.of())) {
        produced = KafkaPipelineIT.publish(KafkaClientConfig.of(kafka.clientProperties(KafkaPipelineIT.PRINCIPAL)), topic, publisher,
            new SyntheticDnsGenerator(SyntheticProfile.resolverDefaults(EVENTS, 77)));
        // a few undecodable records so the quarantine path is killed too
        for (int i = 0; i < 50; i++) {
          publisher.send("bad" + i, ("garbage " + i).getBytes(StandardCharsets.UTF_8));
        }
        publisher.flush();
      }
      assertThat(produced.published()).isEqualTo(EVENTS);
      long valid = produced.published();
      int topUps = 0;
      List<String> early = new ArrayList<>(); // runs that ended before their kill, for the failure message
      String catalogName = "kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
      Path logs = Files.createDirectories(warehouse.resolve("logs"));
      int killed = 0;
      for (int attempt = 0; killed < KILLS && attempt < KILLS * 4; attempt++) {
        Path log = logs.resolve("run-" + attempt + ".log");
        Process process = start(kafka, topic, catalogName, log);
        // wait for the first commit of this run, then kill at a random moment in the next batches
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (process.isAlive() && System.nanoTime() < deadline
            && !(Files.exists(log) && Files.readString(log).contains("COMMIT"))) {
          Thread.sleep(50);
        }
        if (process.waitFor(random.nextInt(1_200), TimeUnit.MILLISECONDS)) {
          // caught up before the kill (a fast machine, or a slow one that let it run long): give the next runs
          // more to do, so the number of kills never depends on the machine's speed
          List<String> lines = Files.readAllLines(log);
          early.add("run " + attempt + " exit " + process.exitValue() + ": "
              + (lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1)));
          valid += topUp(kafka, topic, ++topUps);
          continue;
        }
        process.destroyForcibly().waitFor();
        killed++;
      }
      Process last = start(kafka, topic, catalogName, logs.resolve("final.log"));
      assertThat(last.waitFor(5, TimeUnit.MINUTES)).as("final run finishes").isTrue();
      assertThat(last.exitValue()).as("final run exit code; log: %s", Files.readString(logs.resolve("final.log")))
          .isZero();
      System.out.println("PipelineKillIT: killed " + killed + " times, " + topUps + " top-ups; final run: "
          + Files.readAllLines(logs.resolve("final.log")).stream().filter(l -> l.startsWith("SUMMARY")).toList());
      assertThat(killed).as("kills; runs that ended before their kill: %s", early).isEqualTo(KILLS);

      try (JdbcCatalog catalog = TestCatalogs.jdbc(warehouse, catalogName)) {
        List<Object> ids = eventIds(catalog.loadTable(TableIdentifier.of("na", "kill_it")));
        List<Record> quarantined = rows(catalog.loadTable(TableIdentifier.of("na", "kill_it_quarantine")));
        Set<Object> unique = new HashSet<>(ids);
        assertThat(unique).as("event_id unique").hasSize(ids.size());
        assertThat(ids.size() + quarantined.size()).isEqualTo(valid + 50);
        Set<String> positions = new HashSet<>();
        quarantined.forEach(r -> positions.add(r.getField("source_partition") + "@" + r.getField("source_offset")));
        assertThat(positions).as("quarantine has no repeats").hasSize(quarantined.size());
        assertThat(quarantined).hasSizeGreaterThanOrEqualTo(50);
      }
    }
  }

  /** Publishes another {@value #TOP_UP} events, a day after the previous ones (so their event ids are new). */
  private static long topUp(EphemeralKafka kafka, TopicName topic, int round) throws Exception {
    SyntheticProfile base = SyntheticProfile.resolverDefaults(TOP_UP, 77 + round);
    SyntheticProfile later = new SyntheticProfile(base.start().plus(Duration.ofDays(round)), base.events(),
        base.eventsPerSecond(), base.diurnalAmplitude(), base.clients(), base.resolvers(), base.names(),
        base.zipfExponent(), base.nxdomainRate(), base.burstsPerMillion(), base.burstLength(), base.seed());
    try (KafkaEventPublisher publisher = new KafkaEventPublisher(KafkaClientConfig.of(kafka.clientProperties(KafkaPipelineIT.PRINCIPAL)), topic, Map.of())) {
      IngestSummary more = KafkaPipelineIT.publish(KafkaClientConfig.of(kafka.clientProperties(KafkaPipelineIT.PRINCIPAL)), topic, publisher,
          new SyntheticDnsGenerator(later));
      publisher.flush();
      return more.published();
    }
  }

  private Process start(EphemeralKafka kafka, TopicName topic, String catalogName, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), PipelineProcessMain.class.getName(),
        kafka.clientConfigFile(KafkaPipelineIT.PRINCIPAL).toString(), topic.toString(), warehouse.toString(), catalogName, "500"));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static List<Object> eventIds(Table table) throws Exception {
    List<Object> ids = new ArrayList<>();
    for (Record r : rows(table)) {
      ids.add(r.getField("event_id"));
    }
    return ids;
  }

  static List<Record> rows(Table table) throws Exception {
    table.refresh();
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(table).build()) {
      it.forEach(r -> rows.add(r.copy()));
    }
    return rows;
  }
}

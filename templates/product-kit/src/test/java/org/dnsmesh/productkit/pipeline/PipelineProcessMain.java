package org.dnsmesh.productkit.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.dnsmesh.productkit.lineage.LineageEmitter;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.productkit.transport.KafkaDeadLetterPublisher;
import org.dnsmesh.productkit.transport.KafkaRecordSource;
import org.dnsmesh.productkit.transport.TopicName;
import org.dnsmesh.productkit.write.TableLayout;
import org.dnsmesh.productkit.write.TestCatalogs;

/**
 * The pipeline as its own process, for {@link PipelineKillIT}: args are a Kafka client configuration file (servers and credentials), topic, warehouse dir,
 * catalog name, batch size. Runs until caught up and prints the summary.
 */
public final class PipelineProcessMain {

  private PipelineProcessMain() {}

  public static void main(String[] args) throws Exception {
    KafkaClientConfig kafka = KafkaClientConfig.load(java.nio.file.Path.of(args[0]), null);
    TopicName topic = TopicName.parse(args[1]);
    Path warehouse = Path.of(args[2]);
    String catalogName = args[3];
    int batch = Integer.parseInt(args[4]);
    PipelineConfig config = new PipelineConfig(topic.product(), "1.0.0", TableIdentifier.of("na", "kill_it"),
        TableIdentifier.of("na", "kill_it_quarantine"), new TableLayout(List.of("day(event_ts)", "tld"), List.of()),
        batch, Duration.ofSeconds(2), Duration.ofMillis(200), 2); // two writer threads: kills land mid parallel write
    try (JdbcCatalog catalog = TestCatalogs.jdbc(warehouse, catalogName);
        KafkaRecordSource source = new KafkaRecordSource(kafka, topic, Map.of("max.poll.records", batch));
        KafkaDeadLetterPublisher dlq = new KafkaDeadLetterPublisher(kafka, topic.deadLetter())) {
      ProductPipeline pipeline = new ProductPipeline(config, catalog, KafkaPipelineIT.CODEC, KafkaPipelineIT.VALIDATOR,
          dlq, LineageEmitter.none(), new ProgressListener() {
            @Override
            public void progress(RunSummary soFar) {
              // the kill test waits for this line so that kills land between and during commits
              System.out.println("COMMIT " + soFar.in());
              System.out.flush();
            }

            @Override
            public void finished(RunSummary summary) {}
          }, "iceberg://na");
      RunSummary summary = pipeline.run(source, RunUntil.CAUGHT_UP);
      System.out.println("SUMMARY " + summary.describe());
    }
  }
}

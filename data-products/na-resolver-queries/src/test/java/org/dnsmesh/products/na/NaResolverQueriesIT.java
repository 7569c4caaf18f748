package org.dnsmesh.products.na;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.productkit.pipeline.IngestSummary;
import org.dnsmesh.productkit.pipeline.RunSummary;
import org.dnsmesh.productkit.transport.TopicName;
import org.dnsmesh.products.support.KafkaProductRun;
import org.dnsmesh.products.support.LocalCatalogs;
import org.dnsmesh.products.support.ProductContract;
import org.dnsmesh.products.support.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sample Zeek log -> real Kafka broker -> contract validation -> Iceberg (JdbcCatalog on PostgreSQL). */
class NaResolverQueriesIT {

  @TempDir Path warehouse;

  @Test
  void endToEndNothingLost() throws Exception {
    ProductContract contract = NaResolverQueries.contract();
    TopicName topic = contract.topic();
    try (EphemeralKafka kafka = EphemeralKafka.start(EphemeralKafka.projectHome());
        JdbcCatalog catalog = LocalCatalogs.jdbc("dnsmesh_test_products", warehouse)) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(topic.toString(), 3, (short) 1),
            new NewTopic(topic.deadLetter().toString(), 1, (short) 1))).all().get();
      }
      KafkaProductRun run = new KafkaProductRun(contract, NaResolverQueries.transform(), NaFixtures.KEYS,
          kafka.bootstrapServers());
      IngestSummary produced = run.produce(NaResolverQueries.source(NaFixtures.sampleLog()));
      assertThat(produced.published()).isEqualTo(13);

      RunSummary summary = run.consume(catalog, 1_000);
      System.out.println("na-resolver-queries IT: " + summary.describe());
      assertThat(summary.in()).isEqualTo(13);
      assertThat(summary.written() + summary.quarantined()).isEqualTo(summary.in());
      assertThat(summary.quarantined()).isEqualTo(1);

      org.apache.iceberg.Table icebergTable = catalog.loadTable(contract.table());
      // Provenance and exactly-once state live in the snapshot summary: contract version and the offsets covered.
      assertThat(icebergTable.currentSnapshot().summary())
          .containsEntry(org.dnsmesh.productkit.write.CommitProperties.CONTRACT_VERSION, "1.0.0")
          .containsEntry(org.dnsmesh.productkit.write.CommitProperties.PRODUCT, "na-resolver-queries");
      assertThat(org.dnsmesh.productkit.write.KafkaOffsets.committedIn(icebergTable).forTopic(topic.toString())
          .values().stream().mapToLong(Long::longValue).sum()).isEqualTo(13);
      List<Row> table = KafkaProductRun.rows(icebergTable);
      assertThat(table).hasSize((int) summary.written());
      assertThat(table).allSatisfy(r -> assertThat(r.values()).doesNotContainKey("client_ip"));
      // The derived table over what landed in Iceberg matches the one over the published rows (minus the reject).
      assertThat(NxdomainTopGenerators.hourly(table, 2))
          .isEqualTo(NxdomainTopGenerators.hourly(NaFixtures.rows(NaFixtures.sampleLog()), 2));
      assertThat(KafkaProductRun.rows(catalog.loadTable(
          org.apache.iceberg.catalog.TableIdentifier.of("na", "resolver_queries_quarantine")))).hasSize(1);
    }
  }
}

package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.productkit.pipeline.IngestSummary;
import org.dnsmesh.productkit.pipeline.RunSummary;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.productkit.transport.TopicName;
import org.dnsmesh.products.support.KafkaProductRun;
import org.dnsmesh.products.support.LocalCatalogs;
import org.dnsmesh.products.support.ProductContract;
import org.dnsmesh.products.support.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic events -> real Kafka broker -> contract validation -> Iceberg (JdbcCatalog on PostgreSQL). */
class ProductIT {

  @TempDir Path warehouse;

  @Test
  void endToEndNothingLost() throws Exception {
    ProductContract contract = ProductDefinition.contract();
    TopicName topic = contract.topic();
    try (EphemeralKafka kafka = EphemeralKafka.start(EphemeralKafka.projectHome());
        JdbcCatalog catalog = LocalCatalogs.jdbc("dnsmesh_test_products", warehouse)) {
      // The test broker applies the shipped access policy's ACLs; a new domain joins that policy through a reviewed
      // policy change, so until then this test runs as the broker's own super user.
      try (Admin admin = Admin.create(kafka.adminProperties())) {
        admin.createTopics(List.of(new NewTopic(topic.toString(), 3, (short) 1),
            new NewTopic(topic.deadLetter().toString(), 1, (short) 1))).all().get();
      }
      KafkaProductRun run = new KafkaProductRun(contract, ProductDefinition.transform(), ProductTest.KEYS,
          KafkaClientConfig.of(kafka.adminProperties()));
      IngestSummary produced = run.produce(ProductDefinition.source(2_000, 1));
      assertThat(produced.published()).isEqualTo(2_000);
      RunSummary summary = run.consume(catalog, 10_000);
      assertThat(summary.in()).isEqualTo(2_000);
      assertThat(summary.written() + summary.quarantined()).isEqualTo(summary.in());
      List<Row> table = KafkaProductRun.rows(catalog.loadTable(contract.table()));
      assertThat(table).hasSize((int) summary.written());
      assertThat(QueriesPerTld.hourly(table)).isEqualTo(QueriesPerTld.hourly(ProductTest.rows(2_000)));
    }
  }
}

package org.dnsmesh.products.apac;

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

/** Synthetic edge traffic -> real Kafka broker -> contract validation -> Iceberg (JdbcCatalog on PostgreSQL). */
class ApacEdgeCacheIT {

  @TempDir Path warehouse;

  static List<Row> rowsOf(org.dnsmesh.productkit.source.DnsEventSource source) throws Exception {
    List<Row> rows = new java.util.ArrayList<>();
    new org.dnsmesh.products.support.ProductIngest(ApacEdgeCache.contract(),
        ApacEdgeCache.transform(ApacEdgeCache.defaultPops()), ApacFixtures.KEYS)
        .rows(source, org.dnsmesh.productkit.normalize.CaptureDuplicateFilter.oneMillisecond(), r -> rows.add(new Row(r)));
    return rows;
  }

  @Test
  void endToEndNothingLost() throws Exception {
    ProductContract contract = ApacEdgeCache.contract();
    TopicName topic = contract.topic();
    try (EphemeralKafka kafka = EphemeralKafka.start(EphemeralKafka.projectHome());
        JdbcCatalog catalog = LocalCatalogs.jdbc("dnsmesh_test_products", warehouse)) {
      try (Admin admin = Admin.create(kafka.clientProperties("publisher-apac"))) {
        admin.createTopics(List.of(new NewTopic(topic.toString(), 3, (short) 1),
            new NewTopic(topic.deadLetter().toString(), 1, (short) 1))).all().get();
      }
      KafkaProductRun run = new KafkaProductRun(contract, ApacEdgeCache.transform(ApacEdgeCache.defaultPops()), ApacFixtures.KEYS,
          KafkaClientConfig.of(kafka.clientProperties("publisher-apac")));
      IngestSummary produced = run.produce(ApacEdgeCache.source(3_000, 11));
      assertThat(produced.published()).isEqualTo(3_000);

      RunSummary summary = run.consume(catalog, 10_000);
      System.out.println("apac-edge-cache IT: " + summary.describe());
      assertThat(summary.in()).isEqualTo(3_000);
      assertThat(summary.written() + summary.quarantined()).isEqualTo(summary.in());

      List<Row> table = KafkaProductRun.rows(catalog.loadTable(contract.table()));
      assertThat(table).hasSize((int) summary.written());
      List<Row> published = ApacFixtures.valid(rowsOf(ApacEdgeCache.source(3_000, 11)));
      assertThat(table).hasSameSizeAs(published);
      // Derived tables over Iceberg equal those over the rows the ingest published.
      assertThat(CacheHitRatio.hourly(table)).isEqualTo(CacheHitRatio.hourly(published));
      assertThat(org.dnsmesh.products.support.DnsDailySummary.of(table, "client_id", ApacEdgeCache.RESOLVER_COLUMN))
          .isEqualTo(org.dnsmesh.products.support.DnsDailySummary.of(published, "client_id", ApacEdgeCache.RESOLVER_COLUMN));
    }
  }
}

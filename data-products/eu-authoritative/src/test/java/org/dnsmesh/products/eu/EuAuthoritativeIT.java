package org.dnsmesh.products.eu;

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

/** Synthetic authoritative traffic -> real Kafka broker -> contract validation -> Iceberg (JdbcCatalog on PostgreSQL). */
class EuAuthoritativeIT {

  @TempDir Path warehouse;

  static List<Row> rowsOf(org.dnsmesh.productkit.source.DnsEventSource source) throws Exception {
    List<Row> rows = new java.util.ArrayList<>();
    new org.dnsmesh.products.support.ProductIngest(EuAuthoritative.contract(),
        EuAuthoritative.transform(SignedZones.share(60)), EuFixtures.KEYS)
        .rows(source, org.dnsmesh.productkit.normalize.CaptureDuplicateFilter.oneMillisecond(), r -> rows.add(new Row(r)));
    return rows;
  }

  @Test
  void endToEndNothingLost() throws Exception {
    ProductContract contract = EuAuthoritative.contract();
    TopicName topic = contract.topic();
    try (EphemeralKafka kafka = EphemeralKafka.start(EphemeralKafka.projectHome());
        JdbcCatalog catalog = LocalCatalogs.jdbc("dnsmesh_test_products", warehouse)) {
      try (Admin admin = Admin.create(kafka.clientProperties("publisher-eu"))) {
        admin.createTopics(List.of(new NewTopic(topic.toString(), 3, (short) 1),
            new NewTopic(topic.deadLetter().toString(), 1, (short) 1))).all().get();
      }
      KafkaProductRun run = new KafkaProductRun(contract, EuAuthoritative.transform(SignedZones.share(60)), EuFixtures.KEYS,
          KafkaClientConfig.of(kafka.clientProperties("publisher-eu")));
      IngestSummary produced = run.produce(EuAuthoritative.source(3_000, 11));
      assertThat(produced.published()).isEqualTo(3_000);
      // Plus the hand-made sample, whose BADCOOKIE response the contract rejects.
      assertThat(run.produce(EuFixtures.sample()).published()).isEqualTo(14);

      RunSummary summary = run.consume(catalog, 10_000);
      System.out.println("eu-authoritative IT: " + summary.describe());
      assertThat(summary.in()).isEqualTo(3_014);
      assertThat(summary.written() + summary.quarantined()).isEqualTo(summary.in());
      assertThat(summary.quarantined()).isEqualTo(1);

      List<Row> table = KafkaProductRun.rows(catalog.loadTable(contract.table()));
      assertThat(table).hasSize((int) summary.written());
      List<Row> published = new java.util.ArrayList<>(EuFixtures.valid(rowsOf(EuAuthoritative.source(3_000, 11))));
      published.addAll(EuFixtures.valid(rowsOf(EuFixtures.sample())));
      assertThat(table).hasSameSizeAs(published);
      // Derived tables over Iceberg equal those over the rows the ingest published.
      assertThat(LatencyByZone.hourly(table)).isEqualTo(LatencyByZone.hourly(published));
      assertThat(DnssecSignedRate.daily(table)).isEqualTo(DnssecSignedRate.daily(published));
    }
  }
}

package org.dnsmesh.products.na;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.dnsmesh.infra.stack.EphemeralCatalog;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.productkit.catalog.CatalogConnection;
import org.dnsmesh.productkit.pipeline.IngestSummary;
import org.dnsmesh.productkit.pipeline.RunSummary;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.productkit.transport.TopicName;
import org.dnsmesh.products.support.KafkaProductRun;
import org.dnsmesh.products.support.ProductContract;
import org.dnsmesh.products.support.Row;
import org.junit.jupiter.api.Test;

/**
 * Sample Zeek log -> real Kafka broker -> contract validation -> Iceberg through the real catalog service's REST
 * API, as the domain's publisher; the run reports OpenLineage to the same service, whose lineage graph then shows
 * topic -> job -> tables, and the table's snapshot names the run.
 */
class NaResolverQueriesIT {

  @Test
  void endToEndNothingLost() throws Exception {
    ProductContract contract = NaResolverQueries.contract();
    TopicName topic = contract.topic();
    try (EphemeralKafka kafka = EphemeralKafka.start(EphemeralKafka.projectHome());
        EphemeralCatalog service = EphemeralCatalog.start(EphemeralKafka.projectHome(), "dnsmesh_test_products_na");
        RESTCatalog catalog = CatalogConnection.of(service.url(), service.publisherToken("na")).icebergCatalog("na")) {
      try (Admin admin = Admin.create(kafka.clientProperties("pipeline-na"))) {
        admin.createTopics(List.of(new NewTopic(topic.toString(), 3, (short) 1),
            new NewTopic(topic.deadLetter().toString(), 1, (short) 1))).all().get();
      }
      KafkaProductRun run = new KafkaProductRun(contract, NaResolverQueries.transform(), NaFixtures.KEYS,
          KafkaClientConfig.of(kafka.clientProperties("pipeline-na"))).reportingTo(CatalogConnection.of(service.url(), service.publisherToken("na")));
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

      // Lineage: the run's id is in the snapshot summary, and the catalog's graph shows topic -> job -> tables.
      assertThat(icebergTable.currentSnapshot().summary())
          .containsEntry(org.dnsmesh.productkit.write.CommitProperties.LINEAGE_RUN_ID, summary.runId().toString());
      JsonNode graph = lineage(service, "job", "na", "na-resolver-queries.pipeline");
      String job = "job:na:na-resolver-queries.pipeline";
      assertThat(edges(graph)).contains(
          "dataset:kafka:" + topic + " -> " + job,
          job + " -> dataset:na:na.resolver_queries",
          job + " -> dataset:na:na.resolver_queries_quarantine");
      JsonNode around = lineage(service, "dataset", "na", "na.resolver_queries");
      assertThat(edges(around)).contains(job + " -> dataset:na:na.resolver_queries");

      sampledRunLandsKeptRowsWithTheirRate(kafka, catalog);
    }
  }

  /**
   * The same path on the same stack with a stratified sample in the contract (table {@code
   * na.resolver_queries_sampled}): the table holds exactly the kept rows, each with the declared rate, every keep-all
   * row, and {@code sum(1 / sample_rate)} over the table is within 4 standard errors of the unsampled count.
   */
  private static void sampledRunLandsKeptRowsWithTheirRate(EphemeralKafka kafka, RESTCatalog catalog) throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sampled-contract");
    ProductContract sampled = ProductContract.load(SampledIngestTest.sampledContractFile(dir,
        "resolver_queries_sampled"), "resolver_queries_sampled");
    try (Admin admin = Admin.create(kafka.clientProperties("pipeline-na"))) {
      admin.createTopics(List.of(new NewTopic(sampled.topic().toString(), 3, (short) 1),
          new NewTopic(sampled.topic().deadLetter().toString(), 1, (short) 1))).all().get();
    }
    org.dnsmesh.productkit.source.SyntheticProfile profile =
        org.dnsmesh.productkit.source.SyntheticProfile.resolverDefaults(20_000, 11);
    KafkaProductRun run = new KafkaProductRun(sampled, NaResolverQueries.transform(), NaFixtures.KEYS,
        KafkaClientConfig.of(kafka.clientProperties("pipeline-na")));
    IngestSummary produced = run.produce(new org.dnsmesh.productkit.source.SyntheticDnsGenerator(profile));
    RunSummary summary = run.consume(catalog, 5_000);
    System.out.println("na-resolver-queries IT, sampled: " + produced.describe() + "; " + summary.describe());
    assertThat(summary.in()).isEqualTo(produced.published() + produced.rejected());
    assertThat(summary.written() + summary.quarantined()).isEqualTo(summary.in());
    List<Row> landed = KafkaProductRun.rows(catalog.loadTable(sampled.table()));
    assertThat(landed).hasSize((int) summary.written());

    List<Row> truth = new ArrayList<>();
    new org.dnsmesh.products.support.ProductIngest(NaResolverQueries.contract(), NaResolverQueries.transform(),
        NaFixtures.KEYS).rows(new org.dnsmesh.productkit.source.SyntheticDnsGenerator(profile),
        org.dnsmesh.productkit.normalize.CaptureDuplicateFilter.oneMillisecond(), r -> truth.add(new Row(r)));
    assertThat(produced.published() + produced.sampledOut()).isEqualTo(truth.size());
    java.util.Map<String, Row> truthById = new java.util.HashMap<>();
    truth.forEach(r -> truthById.put(r.string("event_id"), r));
    double estimate = 0;
    for (Row row : landed) {
      Row original = truthById.get(row.string("event_id"));
      assertThat(original).isNotNull();
      assertThat(row.number("sample_rate")).isEqualTo(SampledIngestTest.expectedRate(original));
      estimate += 1 / row.number("sample_rate");
    }
    double variance = 0;
    long keepAll = 0;
    for (Row row : truth) {
      double rate = SampledIngestTest.expectedRate(row);
      variance += (1 - rate) / rate;
      keepAll += rate == 1 ? 1 : 0;
    }
    assertThat(landed.stream().filter(r -> r.number("sample_rate") == 1.0).count()).isEqualTo(keepAll);
    System.out.printf("na-resolver-queries IT, sampled: table sum(1/sample_rate) %.0f vs unsampled %d (se %.0f)%n",
        estimate, truth.size(), Math.sqrt(variance));
    assertThat(Math.abs(estimate - truth.size())).isLessThanOrEqualTo(4 * Math.sqrt(variance));
  }

  private static JsonNode lineage(EphemeralCatalog service, String type, String namespace, String name)
      throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.url()
            + "/api/v1/lineage?type=" + type + "&namespace=" + namespace + "&name=" + name + "&depth=2"))
        .header("Authorization", "Bearer " + service.token("ana", List.of("analyst"), List.of())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  private static List<String> edges(JsonNode graph) {
    List<String> edges = new ArrayList<>();
    graph.path("edges").forEach(e -> edges.add(e.path("from").asText() + " -> " + e.path("to").asText()));
    return edges;
  }
}

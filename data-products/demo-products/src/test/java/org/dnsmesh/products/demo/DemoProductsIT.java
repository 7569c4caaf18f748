package org.dnsmesh.products.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.dnsmesh.infra.stack.EphemeralCatalog;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.productcli.publish.ProductPublisher;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four products on a real broker and the real catalog service, twice: the first pass publishes, produces,
 * writes raw and derived tables and reports lineage; the second on the same state changes nothing.
 */
class DemoProductsIT {

  @TempDir Path secrets;

  @Test
  void publishesAndRunsEachProductOnceAndASecondPassAddsNothing() throws Exception {
    Path home = EphemeralKafka.projectHome();
    try (EphemeralKafka kafka = EphemeralKafka.start(home);
        EphemeralCatalog catalog = EphemeralCatalog.start(home, "dnsmesh_test_demo_products")) {
      DemoProducts demo = new DemoProducts(home, URI.create(catalog.url()),
          domain -> KafkaClientConfig.of(kafka.clientProperties("publisher-" + domain)),
          catalog::publisherToken, secrets.resolve("pseudonym-keys.properties"), System.out::println);

      List<DemoProducts.Result> first = demo.run(Set.of("na", "eu", "apac"));
      first.forEach(r -> System.out.println(r.describe()));
      assertThat(first).extracting(DemoProducts.Result::product)
          .containsExactly("na-resolver-queries", "na-passive-dns", "eu-authoritative", "apac-edge-cache");
      assertThat(first).allSatisfy(r -> {
        assertThat(r.publication()).isEqualTo(ProductPublisher.Outcome.PUBLISHED);
        assertThat(r.run().in()).isEqualTo(r.produced()).isPositive();
        assertThat(r.run().written() + r.run().quarantined()).isEqualTo(r.run().in());
        assertThat(r.rowsInTable()).isEqualTo(r.run().written());
        assertThat(r.derivedRows()).isNotEmpty().allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
      });
      DemoProducts.Result na = first.getFirst();
      assertThat(na.run().in()).isEqualTo(13);
      assertThat(na.run().quarantined()).isEqualTo(1);
      assertThat(na.derivedRows()).containsOnlyKeys("na.nxdomain_top_generators_hourly", "na.outlier_clients_daily",
          "na.dns_daily_summary");
      assertThat(na.describe()).contains("in=13 = 12 written + 1 quarantined", "na.na.resolver_queries holds 12 rows");

      DemoProducts.Result pdns = first.get(1);
      assertThat(pdns.describe()).contains("in=13 = 12 written + 1 quarantined", "na.na.passive_dns_answers holds 12 rows");
      // the sample's answers: www.example.org A 93.184.216.34 (twice), mail.example.org MX mx1 and mx2
      assertThat(pdns.derivedRows()).containsExactly(java.util.Map.entry("na.rrset_history", 3L));
      assertThat(get(catalog, "/api/v1/lineage?type=dataset&namespace=na&name=na.rrset_history&direction=upstream"
          + "&depth=4")).contains("job:na:na-passive-dns.derived", "dataset:na:na.passive_dns_answers",
              "dataset:kafka:na.na-passive-dns.raw");

      String page = get(catalog, "/api/v1/products/apac/apac-edge-cache");
      assertThat(page).contains("\"table\":\"cache_hit_ratio_hourly\"", "\"version\":\"1.0.0\"",
          "dnsmesh.lineage.run-id");
      String lineage = get(catalog, "/api/v1/lineage?type=dataset&namespace=na&name=na.nxdomain_top_generators_hourly"
          + "&direction=upstream&depth=4");
      assertThat(lineage).contains("job:na:na-resolver-queries.derived", "dataset:na:na.resolver_queries",
          "job:na:na-resolver-queries.pipeline", "dataset:kafka:na.na-resolver-queries.raw");
      String derivedRun = get(catalog, "/api/v1/products/na/na-resolver-queries");
      assertThat(derivedRun).as("the derived table's snapshot names its source snapshot")
          .contains(DemoProducts.DERIVED_FROM);

      List<DemoProducts.Result> second = demo.run(Set.of("na", "eu", "apac"));
      assertThat(second).allSatisfy(r -> {
        assertThat(r.publication()).isEqualTo(ProductPublisher.Outcome.UNCHANGED);
        assertThat(r.produced()).isZero();
        assertThat(r.run().in()).isZero();
      });
      assertThat(second).extracting(DemoProducts.Result::rowsInTable)
          .containsExactlyElementsOf(first.stream().map(DemoProducts.Result::rowsInTable).toList());
      assertThat(second).extracting(DemoProducts.Result::derivedRows)
          .containsExactlyElementsOf(first.stream().map(DemoProducts.Result::derivedRows).toList());
    }
  }

  private static String get(EphemeralCatalog catalog, String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(catalog.url() + path))
        .header("Authorization", "Bearer " + catalog.token("root", List.of("admin"), List.of())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return response.body();
  }
}

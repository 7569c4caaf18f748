package org.dnsmesh.products.pdns;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.dnsmesh.infra.stack.EphemeralCatalog;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.productcli.publish.CatalogRegistryClient;
import org.dnsmesh.productcli.publish.ProductPublisher;
import org.dnsmesh.productkit.catalog.CatalogConnection;
import org.dnsmesh.productkit.pipeline.RunSummary;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.productkit.transport.TopicName;
import org.dnsmesh.products.support.KafkaProductRun;
import org.dnsmesh.products.support.ProductContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The passive-DNS product on real parts: the contract published to the real catalog service (both tables as output
 * ports, so the catalog checks the history's commits against the contract's rrset object), the WRCCDC 2018 Zeek log
 * (the bundled sample when {@code ../shared/data} is absent; said on the console) produced in two halves into a real
 * KRaft broker, each half consumed into {@code na.passive_dns_answers} through the Iceberg REST API as
 * {@code publisher-na} and then merged into {@code na.rrset_history} (first a build, then an incremental merge, then a
 * replay that finds nothing). The history read back through the REST catalog equals {@link IndependentRrsets}, the
 * recomputation from the log's text alone.
 */
class PassiveDnsIT {

  @TempDir Path dir;

  @Test
  void rrsetHistoryEqualsTheRecomputationFromTheRawEvents() throws Exception {
    Path log = PdnsFixtures.sharedDataOrNull(PdnsFixtures.WRCCDC);
    if (log == null) {
      System.out.println("PassiveDnsIT: ../shared/data/" + PdnsFixtures.WRCCDC
          + " absent: running on the bundled sample instead (SKIPPED the WRCCDC comparison)");
      log = PdnsFixtures.sampleLog();
    }
    Path[] halves = split(log);
    ProductContract contract = PassiveDns.contract();
    TopicName topic = contract.topic();
    String database = "dnsmesh_test_products_pdns"; // StackConfig appends MESH_TEST_DB_SUFFIX
    try (EphemeralKafka kafka = EphemeralKafka.start(EphemeralKafka.projectHome());
        EphemeralCatalog service = EphemeralCatalog.start(EphemeralKafka.projectHome(), database);
        RESTCatalog catalog = CatalogConnection.of(service.url(), service.publisherToken("na")).icebergCatalog("na")) {
      ProductPublisher.Result published = new ProductPublisher(
          new CatalogRegistryClient(java.net.URI.create(service.url()), service.publisherToken("na")))
          .publish(Path.of("datacontract.yaml"), List.of("na.rrset_history"), List.of(),
              ProductPublisher.RegisteredPorts.KEEP);
      assertThat(published.outcome()).isEqualTo(ProductPublisher.Outcome.PUBLISHED);
      try (Admin admin = Admin.create(kafka.clientProperties("pipeline-na"))) {
        admin.createTopics(List.of(new NewTopic(topic.toString(), 3, (short) 1),
            new NewTopic(topic.deadLetter().toString(), 1, (short) 1))).all().get();
      }
      KafkaProductRun run = new KafkaProductRun(contract, PassiveDns.transform(), PdnsFixtures.KEYS,
          KafkaClientConfig.of(kafka.clientProperties("pipeline-na")));
      RrsetHistory history = new RrsetHistory(PassiveDns.rrsetContract());
      Map<String, String> summary = Map.of("dnsmesh.product", "na-passive-dns");

      run.produce(PassiveDns.source(halves[0]));
      RunSummary first = run.consume(catalog, 5_000);
      Table raw = catalog.loadTable(contract.table());
      RrsetHistory.Outcome built = history.refresh(catalog, raw, summary);
      assertThat(built.mode()).isEqualTo("rebuild");
      assertThat(built.events()).isEqualTo(first.written());

      run.produce(PassiveDns.source(halves[1]));
      RunSummary second = run.consume(catalog, 5_000);
      RrsetHistory.Outcome merged = history.refresh(catalog, raw, summary);
      assertThat(merged.mode()).isEqualTo("merge");
      assertThat(merged.events()).as("only the second half's rows are merged").isEqualTo(second.written());
      assertThat(history.refresh(catalog, raw, summary).mode()).as("replay").isEqualTo("up-to-date");

      List<Rrset> rows = RrsetHistory.read(catalog.loadTable(history.id()));
      // each half is ingested on its own (its own capture-copy filter), so each is recomputed on its own and combined
      Map<String, IndependentRrsets.Expected> expected = IndependentRrsets.combine(IndependentRrsets.of(halves[0]),
          IndependentRrsets.of(halves[1]));
      System.out.println("PassiveDnsIT on " + log.getFileName() + ": " + (first.in() + second.in()) + " in, "
          + (first.written() + second.written()) + " answer rows, " + rows.size() + " rrsets (expected "
          + expected.size() + ")");
      assertThat(IndependentRrsets.asExpected(rows)).containsExactlyInAnyOrderElementsOf(expected.values());
      assertThat(catalog.loadTable(history.id()).currentSnapshot().summary())
          .containsEntry(RrsetHistory.SOURCE_SNAPSHOT, Long.toString(raw.currentSnapshot().snapshotId()));
    }
  }

  /**
   * The log cut in two files (header repeated) where the gap between two lines exceeds the 1 ms capture-copy window,
   * so no copy pair straddles the cut.
   */
  private Path[] split(Path log) throws Exception {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    List<String> header = new ArrayList<>();
    List<String> body = new ArrayList<>();
    for (String line : lines) {
      (line.startsWith("#") ? header : body).add(line);
    }
    int cut = body.size() / 2;
    while (cut < body.size() - 1 && seconds(body.get(cut)).subtract(seconds(body.get(cut - 1)))
        .compareTo(new BigDecimal("0.001")) <= 0) {
      cut++;
    }
    Path a = dir.resolve("dns-1.log");
    Path b = dir.resolve("dns-2.log");
    List<String> first = new ArrayList<>(header);
    first.addAll(body.subList(0, cut));
    List<String> second = new ArrayList<>(header);
    second.addAll(body.subList(cut, body.size()));
    Files.write(a, first, StandardCharsets.UTF_8);
    Files.write(b, second, StandardCharsets.UTF_8);
    return new Path[] {a, b};
  }

  private static BigDecimal seconds(String line) {
    return new BigDecimal(line.substring(0, line.indexOf('\t')));
  }
}

package org.dnsmesh.products.demo;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.dnsmesh.infra.stack.EphemeralCatalog;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.productkit.pipeline.ProgressListener;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.source.FileSources;
import org.dnsmesh.productkit.source.RawDnsEvent;
import org.dnsmesh.productkit.source.UnparsedRecord;
import org.dnsmesh.productkit.transport.KafkaClientConfig;

/**
 * Runner (not a test): the throughput of {@code mesh product run <product> --from zeek:<log> --once} on a real log,
 * through the same {@link DemoProducts#runOnce} the command calls, on a broker and catalog service of its own
 * (the command adds only its console lines). Baseline in the same run: reading and parsing the same file alone.
 * Arguments: the log (default {@code ../shared/data/wrccdc2018_zeek_dns.log}), the product
 * (default {@code na/na-resolver-queries}), rounds (default 2; each round produces the whole file again).
 */
public final class ProductRunThroughput {
  private ProductRunThroughput() {}

  public static void main(String[] args) throws Exception {
    Path home = EphemeralKafka.projectHome();
    Path log = Path.of(args.length > 0 ? args[0] : home.resolve("../shared/data/wrccdc2018_zeek_dns.log").toString());
    String product = args.length > 1 ? args[1] : "na/na-resolver-queries";
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Path keys = Files.createTempDirectory("throughput").resolve("keys.properties");
    try (EphemeralKafka kafka = EphemeralKafka.start(home);
        EphemeralCatalog catalog = EphemeralCatalog.start(home, "dnsmesh_test_throughput")) {
      DemoProducts products = new DemoProducts(home, URI.create(catalog.url()),
          domain -> KafkaClientConfig.of(kafka.clientProperties("publisher-" + domain)), catalog::publisherToken, keys,
          line -> { });
      for (int round = 1; round <= rounds; round++) {
        long parseStart = System.nanoTime();
        AtomicLong lines = new AtomicLong();
        FileSources.parse("zeek:" + log).readAll(new DnsEventSource.Sink() {
          @Override
          public void event(RawDnsEvent event) {
            lines.incrementAndGet();
          }

          @Override
          public void unparsed(UnparsedRecord record) {
            lines.incrementAndGet();
          }
        });
        double parse = (System.nanoTime() - parseStart) / 1e9;
        long start = System.nanoTime();
        DemoProducts.Result result = products.runOnce(product, FileSources.parse("zeek:" + log), ProgressListener.none());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "round %d: %s%n  read %,d lines: end to end %.1f s = %,.0f lines/s"
                + " (produce, pipeline, derived); baseline read+parse alone %.2f s = %,.0f lines/s%n", round,
            result.describe(), result.ingest().read(), seconds, result.ingest().read() / seconds, parse,
            lines.get() / parse);
      }
    }
  }
}

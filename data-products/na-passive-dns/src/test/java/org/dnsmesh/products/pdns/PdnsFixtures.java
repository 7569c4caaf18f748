package org.dnsmesh.products.pdns;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dnsmesh.productkit.normalize.CaptureDuplicateFilter;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.pseudonymize.PseudonymKey;
import org.dnsmesh.products.support.ProductIngest;
import org.dnsmesh.products.support.Row;

/** Test key, sample log and helpers shared by the passive-DNS tests. */
final class PdnsFixtures {

  static final DomainKeyRing KEYS = new DomainKeyRing("na", "k1",
      Map.of("k1", new PseudonymKey("k1", "na-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))));

  static final String WRCCDC = "wrccdc2018_zeek_dns.log";

  private PdnsFixtures() {}

  /** The bundled sample (the NA product's 13 transactions; three carry answers). */
  static Path sampleLog() throws Exception {
    return Path.of(PdnsFixtures.class.getResource("/sample-dns.log").toURI());
  }

  /** Published rows of a Zeek log (normalised, de-duplicated, transformed, pseudonymised), no Kafka. */
  static List<Row> rows(Path log) throws Exception {
    List<Row> rows = new ArrayList<>();
    new ProductIngest(PassiveDns.contract(), PassiveDns.transform(), KEYS)
        .rows(PassiveDns.source(log), CaptureDuplicateFilter.oneMillisecond(), r -> rows.add(new Row(r)));
    return rows;
  }

  /** {@code ../shared/data/<name>} beside the repository root, or null when absent. */
  static Path sharedDataOrNull(String name) {
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    Path file = (root == null ? Path.of("..") : root.resolve("..")).resolve("shared/data").resolve(name).normalize();
    return Files.isReadable(file) ? file : null;
  }

  /** {@code ../shared/data/<name>}, or a visibly skipped test. */
  static Path sharedData(String name) {
    Path file = sharedDataOrNull(name);
    assumeTrue(file != null, "SKIPPED: shared test data not present at ../shared/data/" + name);
    return file;
  }
}

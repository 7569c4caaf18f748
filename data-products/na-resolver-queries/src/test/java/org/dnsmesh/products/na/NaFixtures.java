package org.dnsmesh.products.na;

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
import org.dnsmesh.productkit.pseudonymize.Pseudonymizer;
import org.dnsmesh.products.support.ProductIngest;
import org.dnsmesh.products.support.Row;

/** Test key, sample log and helpers shared by the NA tests. */
final class NaFixtures {

  static final DomainKeyRing KEYS = new DomainKeyRing("na", "k1",
      Map.of("k1", new PseudonymKey("k1", "na-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))));

  private NaFixtures() {}

  static Path sampleLog() throws Exception {
    return Path.of(NaFixtures.class.getResource("/sample-dns.log").toURI());
  }

  static String clientId(String ip) {
    return new Pseudonymizer(KEYS).pseudonymize(ip).value();
  }

  /** Published rows of a Zeek log (normalised, de-duplicated, transformed, pseudonymised), no Kafka. */
  static List<Row> rows(Path log) throws Exception {
    List<Row> rows = new ArrayList<>();
    new ProductIngest(NaResolverQueries.contract(), NaResolverQueries.transform(), KEYS)
        .rows(NaResolverQueries.source(log), CaptureDuplicateFilter.oneMillisecond(), r -> rows.add(new Row(r)));
    return rows;
  }

  /** {@code ../shared/data/<name>} beside the repository root, or a visibly skipped test. */
  static Path sharedData(String name) {
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    Path file = (root == null ? Path.of("..") : root.resolve("..")).resolve("shared/data").resolve(name).normalize();
    assumeTrue(Files.isReadable(file), "SKIPPED: shared test data not present at " + file);
    return file;
  }
}

package org.dnsmesh.infra.cli;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.dnsmesh.infra.stack.DevTokens;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.products.demo.DemoProducts;

/**
 * The {@code mesh up} step after the stack is ready: publish and run the regional demo products once (see
 * {@link DemoProducts}) and print what was published with its row counts. A failure here leaves the stack up and
 * says so: the mesh is usable without the demo products.
 */
final class DemoProductRuns {
  private DemoProductRuns() {}

  static void run(StackConfig config, DevTokens tokens, PrintStream out) {
    long started = System.nanoTime();
    out.println("Publishing and running the demo products (contract -> Kafka -> pipeline -> Iceberg) ...");
    try {
      List<DemoProducts.Result> results = new DemoProducts(config.home(), URI.create(config.catalogUrl()),
          config.kafkaBootstrap(),
          domain -> tokens.mint("publisher-" + domain, List.of("publisher"), List.of(domain), Duration.ofMinutes(30)),
          config.layout().secrets().resolve("pseudonym-keys.properties"), out::println)
          .run(Set.copyOf(config.domains()));
      out.printf("Demo products ready in %.1f s (in = written + quarantined):%n", (System.nanoTime() - started) / 1e9);
      results.forEach(result -> out.println("  " + result.describe()));
      if (!results.isEmpty()) {
        out.println("  Product page (contracts, tables, snapshots, lineage): curl -H \"Authorization: Bearer $(./mesh token"
            + " analyst)\" " + config.catalogUrl() + "/api/v1/products/na/na-resolver-queries");
      }
    } catch (RuntimeException e) {
      System.err.println("mesh: the demo products failed: " + MeshCli.describe(e));
      System.err.println("      The stack itself is up. Details: MESH_DEBUG=1 ./mesh down && MESH_DEBUG=1 ./mesh up");
      if ("1".equals(System.getenv("MESH_DEBUG"))) {
        e.printStackTrace();
      }
    }
  }
}

package org.dnsmesh.infra.cli;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.dnsmesh.infra.stack.CatalogServiceProcess;
import org.dnsmesh.infra.stack.DevTokens;
import org.dnsmesh.infra.stack.KafkaBroker;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.products.demo.DemoProducts;

/**
 * The demo products of {@code mesh up} (see {@link DemoProducts}): started before the stack, they wait until Kafka
 * and the catalog service answer and then publish and run while Trino, the slowest part, is still starting, so they
 * cost `up` little extra time. {@link #report} prints what was published with its row counts. A failure here leaves
 * the stack up and says so: the mesh is usable without the demo products.
 */
final class DemoProductRuns {
  private final StackConfig config;
  private final long started = System.nanoTime();
  private final CompletableFuture<List<DemoProducts.Result>> results = new CompletableFuture<>();

  private DemoProductRuns(StackConfig config) {
    this.config = config;
  }

  /** Starts the background run; it begins once Kafka and the catalog service of this mesh are ready. */
  static DemoProductRuns start(StackConfig config, DevTokens tokens, PrintStream progress) {
    DemoProductRuns runs = new DemoProductRuns(config);
    Thread thread = new Thread(() -> {
      try {
        runs.awaitKafkaAndCatalog();
        progress.println("Publishing and running the demo products (contract -> Kafka -> pipeline -> Iceberg) ...");
        // each domain's products use the Kafka credentials of the domain's publisher, as their catalog tokens do
        KafkaBroker kafka = new KafkaBroker(config);
        runs.results.complete(new DemoProducts(config.home(), URI.create(config.catalogUrl()),
            domain -> KafkaClientConfig.of(kafka.clientProperties("publisher-" + domain)),
            domain -> tokens.mint("publisher-" + domain, List.of("publisher"), List.of(domain), Duration.ofMinutes(30)),
            config.layout().secrets().resolve("pseudonym-keys.properties"), progress::println)
            .lockingPipelinesIn(new ProductPipelines(config).stateDirectory())
            .run(Set.copyOf(config.domains())));
      } catch (Throwable e) {
        runs.results.completeExceptionally(e);
      }
    }, "demo-products");
    thread.setDaemon(true); // a failed `up` exits without waiting for it
    thread.start();
    return runs;
  }

  private void awaitKafkaAndCatalog() throws InterruptedException {
    KafkaBroker kafka = new KafkaBroker(config);
    CatalogServiceProcess catalog = new CatalogServiceProcess(config);
    long deadline = System.nanoTime() + config.startTimeout().toNanos();
    while (!(catalog.isReady() && kafka.isReady())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Kafka and the catalog service were not ready within "
            + config.startTimeout().toSeconds() + " s");
      }
      Thread.sleep(500);
    }
  }

  /** Waits for the run and prints its results (or why it failed). */
  void report(PrintStream out) {
    try {
      List<DemoProducts.Result> done = results.get();
      out.printf("Demo products done %.1f s after start (in = written + quarantined):%n",
          (System.nanoTime() - started) / 1e9);
      done.forEach(result -> out.println("  " + result.describe()));
      if (!done.isEmpty()) {
        out.println("  In Trino, e.g.: SELECT * FROM na.na.nxdomain_top_generators_hourly ORDER BY hour, rank;");
        out.println("  Product page (contracts, tables, snapshots, lineage): curl -H \"Authorization: Bearer $(./mesh token"
            + " analyst)\" " + config.catalogUrl() + "/api/v1/products/na/na-resolver-queries");
      }
    } catch (ExecutionException e) {
      System.err.println("mesh: the demo products failed: " + MeshCli.describe(e.getCause()));
      System.err.println("      The stack itself is up. Details: MESH_DEBUG=1 ./mesh down && MESH_DEBUG=1 ./mesh up");
      if ("1".equals(System.getenv("MESH_DEBUG"))) {
        e.getCause().printStackTrace();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

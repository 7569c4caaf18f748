package org.dnsmesh.infra.cli;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.dnsmesh.infra.stack.KafkaBroker;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.productkit.pipeline.ProgressListener;
import org.dnsmesh.productkit.pipeline.RunSummary;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.products.demo.DemoProducts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mesh product serve <domain>/<product>}: one product's continuous pipeline in the foreground (what the
 * supervisor of {@code mesh up} runs per product). SIGTERM / Ctrl-C commits what it has and exits 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run a product's pipeline continuously on the running mesh: consume its Kafka topic, validate",
        "against the contract, commit every 100,000 records or 10 s while records flow (exactly once: the offsets",
        "are in the table's snapshots), refresh the derived tables from the new raw snapshots every",
        "--derive-every. One progress line per commit. `mesh up` runs this for each product under supervision",
        "(restarted with backoff; see `mesh status`); run it by hand only when the mesh's own is stopped."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped by SIGTERM / Ctrl-C after a last commit", "2:could not run or the pipeline failed"})
final class ProductServeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DOMAIN/PRODUCT")
  String product;

  @Option(names = "--derive-every", paramLabel = "SECONDS", defaultValue = "30",
      description = "Seconds between derived-table refreshes (default ${DEFAULT-VALUE}).")
  long deriveEverySeconds;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    if (!ProductRunCommand.isKnown(product)) {
      return ProductRunCommand.CANNOT_RUN;
    }
    StackConfig config = MeshStack.recorded(MeshCli.config());
    KafkaBroker kafka = new KafkaBroker(config);
    DemoProducts products = new DemoProducts(config.home(), URI.create(config.catalogUrl()),
        domain -> KafkaClientConfig.of(kafka.clientProperties("publisher-" + domain)),
        // the catalog connection keeps the token it starts with: 11 h (the mesh's tokens live at most 12 h); when it
        // expires the pipeline fails, and its supervisor restarts it with a new one, resuming from the table's offsets
        ProductRunCommand.tokenSource(config, null, Duration.ofHours(11)), config.layout().secrets().resolve("pseudonym-keys.properties"),
        line -> out.println(Instant.now() + " " + line)).lockingPipelinesIn(new ProductPipelines(config).stateDirectory());
    AtomicReference<Runnable> stop = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Runnable requestStop = stop.get();
      if (requestStop != null) {
        out.println(Instant.now() + " stopping: committing what is pending");
        requestStop.run();
        try {
          done.await(); // the JVM exits once the last commit is in
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "stop-pipeline"));
    try {
      RunSummary summary = products.serve(product, new CommitLines(out, product),
          Duration.ofSeconds(Math.max(1, deriveEverySeconds)), stop::set);
      out.println(Instant.now() + " stopped: " + summary.describe());
      return ProductRunCommand.OK;
    } finally {
      done.countDown();
    }
  }

  /** One line per commit: in = written + quarantined, events/s over the run. */
  static final class CommitLines implements ProgressListener {
    private final PrintStream out;
    private final String label;

    CommitLines(PrintStream out, String label) {
      this.out = out;
      this.label = label;
    }

    @Override
    public void progress(RunSummary soFar) {
      out.printf(Locale.ROOT, "%s [%s] committed: in %,d = %,d written + %,d quarantined, %,.0f events/s%n",
          Instant.now(), label, soFar.in(), soFar.written(), soFar.quarantined(), soFar.rowsPerSecond());
    }

    @Override
    public void finished(RunSummary summary) {}
  }
}

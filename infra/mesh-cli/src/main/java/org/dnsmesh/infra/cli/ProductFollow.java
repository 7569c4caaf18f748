package org.dnsmesh.infra.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.productkit.source.LogFollower;
import org.dnsmesh.products.demo.DemoProducts;

/**
 * {@code mesh product run <domain>/<product> --from ...} without {@code --once}: follows the files until SIGTERM
 * or Ctrl-C, printing a progress line every 2 s, then the reconciliation line and the exit code of a bounded run.
 */
final class ProductFollow {
  private final String product;
  private final String from;
  private final Path checkpoint;
  private final Duration pollEvery;
  private final String token;

  ProductFollow(String product, String from, Path checkpoint, double pollEverySeconds, String token) {
    this.product = product;
    this.from = from;
    this.checkpoint = checkpoint;
    this.pollEvery = Duration.ofMillis(Math.max(50, Math.round(pollEverySeconds * 1000)));
    this.token = token;
  }

  int run(PrintStream out) throws IOException {
    StackConfig config = MeshCli.config();
    String domain = product.substring(0, product.indexOf('/'));
    Path positions = checkpoint != null ? checkpoint : new ProductPipelines(config).stateDirectory()
        .resolve(product.replace('/', '-') + ".follow.json");
    LogFollower follower;
    try {
      follower = LogFollower.follow(from, positions, warning -> System.err.println("mesh: warning: " + warning));
      out.printf(Locale.ROOT, "[%s] following %s (%d file(s) now: %s); positions in %s%s%n", product, from,
          follower.matches().size(), ProductRunCommand.describe(follower.matches()), positions,
          follower.positions().positions().isEmpty() ? "" : " (resuming " + follower.positions().positions().size()
              + " log(s))");
    } catch (IllegalArgumentException e) {
      System.err.println("mesh: --from " + e.getMessage());
      return ProductRunCommand.CANNOT_RUN;
    }
    AtomicReference<Runnable> stop = new AtomicReference<>();
    StopSignals.install(() -> {
      Runnable requested = stop.get();
      out.printf("[%s] stopping: a last look at the files, then the pipeline commits what was produced%n", product);
      if (requested != null) {
        requested.run();
      }
    });
    long started = System.nanoTime();
    DemoProducts.Result result = ProductRunCommand.demoProducts(config,
        ProductRunCommand.tokenSource(config, token, Duration.ofHours(11)), out)
        .follow(product, follower, pollEvery, new StatusLine(out, product)::print, stop::set);
    return ProductRunCommand.report(out, result, (System.nanoTime() - started) / 1e9, domain);
  }

  /** The progress line: lines read, in = written + quarantined + dead-lettered, events/s since the last, lag. */
  static final class StatusLine {
    private final PrintStream out;
    private final String label;
    private long lastIn;
    private Duration lastAt = Duration.ZERO;

    StatusLine(PrintStream out, String label) {
      this.out = out;
      this.label = label;
    }

    void print(DemoProducts.FollowStatus status) {
      double seconds = (status.elapsed().toNanos() - lastAt.toNanos()) / 1e9;
      double rate = seconds <= 0 ? 0 : (status.in() - lastIn) / seconds;
      lastIn = status.in();
      lastAt = status.elapsed();
      out.printf(Locale.ROOT, "[%s] read %,d lines; in %,d = %,d written + %,d quarantined + %,d dead-lettered;"
              + " %,.0f events/s; lag %,d records, %,d bytes%n", label, status.read().read(), status.in(),
          status.written(), status.quarantined(), status.deadLettered(), rate, status.lagRecords(),
          status.bytesBehind());
    }
  }

  /**
   * SIGTERM and SIGINT call a stop instead of shutting the JVM down: the last poll, commit and derived-table refresh
   * need Iceberg's worker pool, which the JVM's shutdown hooks stop. A second signal exits at once.
   */
  static final class StopSignals {
    private StopSignals() {}

    static void install(Runnable stop) {
      AtomicInteger received = new AtomicInteger();
      for (String name : new String[] {"TERM", "INT"}) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
          if (received.incrementAndGet() == 1) {
            Thread.ofPlatform().name("stop-follow").start(stop);
          } else {
            System.exit(128 + signal.getNumber());
          }
        });
      }
    }
  }
}

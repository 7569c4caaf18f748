package org.dnsmesh.products.demo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.dnsmesh.productkit.pipeline.ProgressListener;
import org.dnsmesh.productkit.pipeline.RunSummary;
import org.dnsmesh.productkit.transport.KafkaClientConfig;

/**
 * A product's continuous pipeline as a process of its own, for {@link ContinuousProductIT}: what
 * {@code mesh product serve} does, with the test's broker and catalog. Arguments: home, catalog URL, product, Kafka
 * client properties file, key file; the publisher token in {@code MESH_TOKEN}.
 */
public final class ServeMain {
  private ServeMain() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    String token = System.getenv("MESH_TOKEN");
    KafkaClientConfig kafka = KafkaClientConfig.load(Path.of(args[3]), null);
    DemoProducts products = new DemoProducts(home, URI.create(args[1]), domain -> kafka, domain -> token,
        Path.of(args[4]), System.out::println);
    AtomicReference<Runnable> stop = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (stop.get() != null) {
        stop.get().run();
        try {
          done.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }));
    try {
      RunSummary summary = products.serve(args[2], new ProgressListener() {
        @Override
        public void progress(RunSummary soFar) {
          System.out.println("committed: in " + soFar.in() + " = " + soFar.written() + " written + "
              + soFar.quarantined() + " quarantined");
        }

        @Override
        public void finished(RunSummary summary) {}
      }, Duration.ofSeconds(5), stop::set);
      System.out.println("stopped: " + summary.describe());
    } finally {
      done.countDown();
    }
  }
}

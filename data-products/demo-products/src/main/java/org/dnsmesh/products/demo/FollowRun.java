package org.dnsmesh.products.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.iceberg.Table;
import org.apache.iceberg.rest.RESTCatalog;
import org.dnsmesh.productcli.publish.ProductPublisher;
import org.dnsmesh.productkit.catalog.CatalogConnection;
import org.dnsmesh.productkit.pipeline.IngestSummary;
import org.dnsmesh.productkit.pipeline.ProgressListener;
import org.dnsmesh.productkit.pipeline.RunSummary;
import org.dnsmesh.productkit.pipeline.RunUntil;
import org.dnsmesh.productkit.source.LogFollower;
import org.dnsmesh.products.support.KafkaProductRun;

/**
 * {@code mesh product run --from ...} without {@code --once}: polls the {@link LogFollower} and produces what each
 * poll read, saving the follower's checkpoint only after the producer flushed (so a restart neither re-reads nor
 * loses a line that reached the topic; a crash between the flush and the save re-reads that one poll), while the
 * product's pipeline consumes the topic: this run's own pipeline when no other holds the product's
 * {@link PipelineLock}, else the supervised one of {@code mesh up}, whose commits it watches. On stop: a last poll,
 * then the pipeline is run until caught up (or watched until it committed everything produced), the derived tables
 * refreshed, and the counts returned for the reconciliation line.
 */
final class FollowRun {

  private final DemoProduct product;
  private final LogFollower follower;
  private final Duration pollEvery;
  private final Duration deriveEvery;
  private final Consumer<DemoProducts.FollowStatus> status;
  private final Consumer<String> log;
  private final CountDownLatch stop = new CountDownLatch(1);

  FollowRun(DemoProduct product, LogFollower follower, Duration pollEvery,
      Duration deriveEvery, Consumer<DemoProducts.FollowStatus> status, Consumer<String> log) {
    this.product = product;
    this.follower = Objects.requireNonNull(follower, "follower");
    this.pollEvery = pollEvery;
    this.deriveEvery = deriveEvery;
    this.status = status;
    this.log = log;
  }

  /** Ends the run after one last poll (from a signal handler or another thread). */
  void requestStop() {
    stop.countDown();
  }

  DemoProducts.Result run(ProductPublisher.Result published, CatalogConnection connection, KafkaProductRun run,
      java.nio.file.Path pipelineLocks) throws IOException {
    String domain = product.domain();
    String name = domain + "/" + product.contract().productName();
    long started = System.nanoTime();
    AtomicReference<RunSummary> committed = new AtomicReference<>(new RunSummary(UUID.randomUUID(), 0, 0, 0, 0, 0, 0, Duration.ZERO));
    AtomicReference<Throwable> pipelineFailure = new AtomicReference<>();
    AtomicReference<Runnable> stopPipeline = new AtomicReference<>();
    AtomicReference<RunSummary> firstRun = new AtomicReference<>();
    CountDownLatch pipelineStarted = new CountDownLatch(1);
    ProgressListener onCommit = new ProgressListener() {
      @Override
      public void progress(RunSummary soFar) {
        committed.set(soFar);
      }

      @Override
      public void finished(RunSummary summary) {}
    };
    try (RESTCatalog iceberg = connection.icebergCatalog(domain);
        RESTCatalog pipelineCatalog = connection.icebergCatalog(domain);
        PipelineLock lock = PipelineLock.tryAcquire(pipelineLocks, name);
        KafkaProductRun.Producer producer = run.producer()) {
      long[] before = DemoProducts.committedRows(iceberg, product);
      Thread pipeline = null;
      if (lock.held()) {
        pipeline = Thread.ofPlatform().name("pipeline-" + product.contract().productName()).start(() -> {
          try {
            firstRun.set(run.consume(pipelineCatalog, DemoProducts.RUN_BATCH_RECORDS, onCommit, RunUntil.STOPPED,
                requestStop -> {
                  stopPipeline.set(requestStop);
                  pipelineStarted.countDown();
                }));
          } catch (Throwable e) {
            pipelineFailure.set(e);
          } finally {
            pipelineStarted.countDown();
          }
        });
      } else {
        log.accept("  " + name + ": its pipeline runs (mesh status); following the files, it commits what is produced");
      }
      IngestSummary read;
      try {
        read = follow(producer, iceberg, connection, before, lock.held(), committed, pipelineFailure, started, name);
      } catch (IOException | RuntimeException e) {
        if (pipeline != null) { // do not leave the pipeline consuming behind a failed run
          awaitQuietly(pipelineStarted);
          if (stopPipeline.get() != null) {
            stopPipeline.get().run();
          }
          joinQuietly(pipeline);
        }
        throw e;
      }
      RunSummary summary;
      long expected = read.published() + read.rejected();
      if (pipeline != null) {
        awaitQuietly(pipelineStarted);
        if (stopPipeline.get() != null) {
          stopPipeline.get().run(); // commits what it has and returns
        }
        joinQuietly(pipeline);
        if (pipelineFailure.get() != null) {
          throw new IllegalStateException("the pipeline of " + name + " failed: " + pipelineFailure.get(),
              pipelineFailure.get());
        }
        // the rest of what was produced, up to the end of the topic
        RunSummary rest = run.consume(iceberg, DemoProducts.RUN_BATCH_RECORDS, onCommit);
        summary = plus(firstRun.get(), rest);
      } else {
        summary = DemoProducts.awaitCommitted(iceberg, product, before, expected, onCommit);
      }
      Table table = iceberg.loadTable(product.contract().table());
      Map<String, Long> derived = DemoProducts.refreshDerived(product, iceberg, connection, table);
      return new DemoProducts.Result(domain, published.registration().name(), published.registration().version(),
          published.outcome(), read.published(), summary, domain + "." + product.contract().table(),
          DemoProducts.totalRecords(table), derived, read);
    }
  }

  /** Polls and produces until a stop is asked (then once more); returns what was read. */
  private IngestSummary follow(KafkaProductRun.Producer producer, RESTCatalog iceberg, CatalogConnection connection,
      long[] before, boolean ownPipeline, AtomicReference<RunSummary> committed,
      AtomicReference<Throwable> pipelineFailure, long started, String name) throws IOException {
    IngestSummary read = new IngestSummary(0, 0, 0, 0, 0, 0);
    long lastStatus = 0;
    long lastDerive = System.nanoTime();
    long derivedAt = 0;
    boolean last = false;
    while (!last) {
      last = stop.getCount() == 0; // a stop asked before this poll: this poll is the last
      read = plus(read, producer.produce(follower.nextPoll()));
      follower.checkpoint(); // after the flush in produce: these lines are on the broker
      if (pipelineFailure.get() != null) {
        throw new IllegalStateException("the pipeline of " + name + " failed: " + pipelineFailure.get(),
            pipelineFailure.get());
      }
      long now = System.nanoTime();
      if (now - lastStatus >= 2_000_000_000L || last) {
        lastStatus = now;
        RunSummary soFar = ownPipeline ? committed.get() : watched(iceberg, before);
        status.accept(new DemoProducts.FollowStatus(read, soFar.written(), soFar.quarantined(),
            Math.max(0, read.published() + read.rejected() - soFar.in()), follower.bytesBehind(),
            Duration.ofNanos(now - started)));
        if (ownPipeline && now - lastDerive >= deriveEvery.toNanos() && soFar.commits() > derivedAt) {
          lastDerive = now;
          derivedAt = soFar.commits();
          refreshDerived(iceberg, connection);
        }
      }
      if (!last) {
        try {
          stop.await(pollEvery.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          last = true;
        }
      }
    }
    return read;
  }

  private void refreshDerived(RESTCatalog iceberg, CatalogConnection connection) {
    try {
      Table raw = iceberg.loadTable(product.contract().table());
      DemoProducts.refreshDerived(product, iceberg, connection, raw);
    } catch (RuntimeException e) {
      log.accept("  derived tables not refreshed (next try in " + deriveEvery.toSeconds() + " s): " + e);
    }
  }

  /** The supervised pipeline's commits since the run began, from the tables' row counts. */
  private RunSummary watched(RESTCatalog iceberg, long[] before) {
    long[] now = DemoProducts.committedRows(iceberg, product);
    long written = now[0] - before[0];
    long quarantined = now[1] - before[1];
    return new RunSummary(UUID.randomUUID(), written + quarantined, written, quarantined, 0, 0, 0, Duration.ZERO);
  }

  static IngestSummary plus(IngestSummary a, IngestSummary b) {
    return new IngestSummary(a.read() + b.read(), a.published() + b.published(), a.duplicates() + b.duplicates(),
        a.unparsed() + b.unparsed(), a.rejected() + b.rejected(), a.excluded() + b.excluded(), a.sampledOut() + b.sampledOut());
  }

  static RunSummary plus(RunSummary a, RunSummary b) {
    return new RunSummary(a.runId(), a.in() + b.in(), a.written() + b.written(), a.quarantined() + b.quarantined(),
        a.skipped() + b.skipped(), a.commits() + b.commits(), b.lag(), a.elapsed().plus(b.elapsed()));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

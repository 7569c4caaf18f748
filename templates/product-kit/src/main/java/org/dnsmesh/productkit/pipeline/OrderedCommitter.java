package org.dnsmesh.productkit.pipeline;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a pipeline's batch commits (Parquet write + Iceberg commit) on one background thread, so the pipeline thread
 * polls, decodes and validates batch N+1 while batch N is written and committed.
 *
 * <p>Deliberately the smallest design that keeps the exactly-once argument of {@link ProductPipeline} unchanged:
 * {@link #submit} first waits for the commit in flight and rethrows its failure. Hence commits happen strictly one at
 * a time and in submission (= offset) order, a batch is never committed after an earlier one failed, and at most one
 * batch is held in flight besides the one being built (bounded memory). No queue, no reordering, no retries.
 *
 * <p>Not thread-safe: used by the pipeline thread only.
 */
final class OrderedCommitter<T> implements AutoCloseable {

  private final ExecutorService executor;
  private Future<T> inFlight;

  OrderedCommitter(String threadName) {
    // daemon: a run that dies on its own thread must not keep the JVM alive through a stuck commit
    this.executor = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name(threadName).daemon().unstarted(r));
  }

  /** Waits for the commit in flight (rethrowing its failure), then starts {@code commit}; returns the previous result. */
  T submit(Callable<T> commit) {
    T previous = await();
    inFlight = executor.submit(commit);
    return previous;
  }

  /** The result of the commit in flight if it has finished, else null; rethrows its failure. Never blocks. */
  T pollFinished() {
    return inFlight != null && inFlight.isDone() ? await() : null;
  }

  /** Whether a commit is submitted and its result not yet taken. */
  boolean busy() {
    return inFlight != null;
  }

  /** Waits for the commit in flight and returns its result (null when none); its failure is rethrown as is. */
  T await() {
    if (inFlight == null) {
      return null;
    }
    try {
      T result = inFlight.get();
      inFlight = null;
      return result;
    } catch (ExecutionException e) {
      inFlight = null;
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("batch commit failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a batch commit", e);
    }
  }

  /**
   * For a run that is failing anyway: waits for the commit in flight to end (so the tables are left settled, the next
   * run resumes from whatever it committed) and returns its failure, if any, to be attached to the primary one.
   */
  Throwable awaitQuietly() {
    try {
      await();
      return null;
    } catch (RuntimeException | Error e) {
      return e;
    }
  }

  @Override
  public void close() {
    executor.shutdown();
  }
}

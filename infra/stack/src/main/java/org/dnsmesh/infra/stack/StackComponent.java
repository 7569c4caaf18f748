package org.dnsmesh.infra.stack;

import java.time.Duration;

/** One process of the stack, started by {@link MeshStack} in order and stopped in reverse. */
public interface StackComponent {
  String name();

  /** Checks made before anything starts (ports, artifacts); throws {@link StackException} with the fix. */
  void preflight();

  void start();

  /** Blocks until the component answers a real request; throws with the log tail when it does not. */
  void awaitReady(Duration timeout);

  boolean isReady();

  ManagedProcess process();

  default boolean stop() {
    return process().stop(Duration.ofSeconds(20));
  }

  /** Polls {@code probe} until it answers, the process dies, or time is up. */
  static void await(StackComponent component, Duration timeout, java.util.function.BooleanSupplier probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (component.process().running().isEmpty()) {
        throw new StackException(component.name() + " exited during start-up. Last lines of "
            + component.process().logFile() + ":\n" + component.process().logTail(30));
      }
      if (probe.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackException("Interrupted while waiting for " + component.name());
      }
    }
    throw new StackException(component.name() + " did not become ready within " + timeout.toSeconds()
        + " s. Last lines of " + component.process().logFile() + ":\n" + component.process().logTail(30));
  }
}

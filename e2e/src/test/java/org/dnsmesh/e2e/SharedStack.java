package org.dnsmesh.e2e;

import java.util.List;
import org.dnsmesh.infra.demo.DemoData;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.StackConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One plain stack, with the demo tables seeded, shared by every end-to-end class that needs nothing else: a stack
 * start is most of what such a class costs, so one start per test JVM instead of one per class keeps the suite
 * inside its time budget. Started by the first class that asks ({@code @ExtendWith(SharedStack.class)}); the classes
 * on it are ordered first ({@link #ORDER}, {@link #LAST}: {@code junit-platform.properties} orders classes by
 * {@code @Order}) so that it can be stopped before the classes with stacks of their own start theirs.
 *
 * <p>A class may share it only if what it leaves behind cannot change another class's answers: it writes only to
 * namespaces, tables, topics and products of its own, and any grant it makes ends within the class. Classes that
 * change the stack's start-up settings, publish contract changes to the demo tables, delete rows or tamper with the
 * audit log keep a stack of their own ({@link E2eStacks#up}).
 */
final class SharedStack implements BeforeAllCallback {
  /** {@code @Order} of the classes on this stack: they run first, one after another, while it is up. */
  static final int ORDER = 1;
  /**
   * {@code @Order} of the one class that runs after all others on this stack because it changes what they read
   * (publishes a contract change to a demo table, breaks the audit chain on purpose); it stops the stack after it.
   */
  static final int LAST = 2;
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);
  /** Seeded once here: classes on this stack read the demo tables, none writes them. */
  private static final List<String> DEMO_TABLES = List.of("na.resolver.queries", "eu.authoritative.responses");
  private static Running running;

  private record Running(StackConfig config, MeshStack stack) {}

  @Override
  public void beforeAll(ExtensionContext context) {
    synchronized (SharedStack.class) {
      if (running == null) {
        running = start();
        // stopped by the LAST class, or else when JUnit closes its root store at the end of the run
        context.getRoot().getStore(NAMESPACE).put(Running.class, (AutoCloseable) SharedStack::stop);
      }
    }
  }

  /** Stops the shared stack now (no-op when it is not running): the rest of the run does not pay for an idle stack. */
  static synchronized void stop() {
    if (running != null) {
      System.out.println("[mesh] shared stack stopped " + running.stack().down());
      running = null;
    }
  }

  private static Running start() {
    try {
      StackConfig config = E2eStacks.config("dnsmesh_test_e2e_shared", "dnsmesh-e2e-shared-");
      MeshStack stack = E2eStacks.up(config);
      List<String> seeded = new DemoData(config, stack.tokens()).seed();
      if (!seeded.equals(DEMO_TABLES)) {
        stack.down();
        throw new IllegalStateException("The demo seeder wrote " + seeded + " into an empty stack, expected " + DEMO_TABLES);
      }
      return new Running(config, stack);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("The shared end-to-end stack did not start", e);
    }
  }

  private static synchronized Running running() {
    Running current = running;
    if (current == null) {
      throw new IllegalStateException("No shared stack: annotate the class with @ExtendWith(SharedStack.class)");
    }
    return current;
  }

  static StackConfig config() {
    return running().config();
  }

  static MeshStack stack() {
    return running().stack();
  }
}

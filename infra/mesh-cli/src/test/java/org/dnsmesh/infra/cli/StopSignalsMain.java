package org.dnsmesh.infra.cli;

import java.util.concurrent.CountDownLatch;

/**
 * A child JVM for {@link ProductFollowTest}: installs the follow run's stop signals; {@code clean} stops when told,
 * {@code stuck} never finishes its stop (a last commit that hangs), so only a second signal ends it.
 */
public final class StopSignalsMain {
  public static void main(String[] args) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    boolean stuck = args.length > 0 && args[0].equals("stuck");
    ProductFollow.StopSignals.install(() -> {
      System.out.println("stop requested");
      if (!stuck) {
        stopped.countDown();
      }
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook")));
    System.out.println("ready");
    System.out.flush();
    stopped.await();
    System.out.println("final commit done");
    System.exit(1);
  }
}

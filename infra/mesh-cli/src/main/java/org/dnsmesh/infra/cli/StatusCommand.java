package org.dnsmesh.infra.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.StackConfig;
import picocli.CommandLine.Command;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show each process of the mesh: pid, whether it answers its health check, its log. "
        + "Exit code 0 when all are ready, 1 otherwise.")
final class StatusCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    StackConfig config = MeshStack.recorded(MeshCli.config());
    List<MeshStack.ComponentStatus> statuses = new MeshStack(config, System.out::println).status();
    System.out.printf("%-24s %-8s %-9s %s%n", "COMPONENT", "PID", "STATE", "LOG");
    boolean allReady = true;
    for (MeshStack.ComponentStatus status : statuses) {
      String state = status.pid() == null ? "stopped" : status.ready() ? "ready" : "starting";
      allReady &= status.ready();
      System.out.printf("%-24s %-8s %-9s %s%n", status.name(), status.pid() == null ? "-" : status.pid(), state,
          status.log());
    }
    for (ProductPipelines.Status pipeline : new ProductPipelines(config).status()) {
      boolean running = pipeline.pid() != null;
      allReady &= running;
      System.out.printf("%-24s %-8s %-9s %s%n", pipeline.product(), running ? pipeline.pid() : "-",
          running ? "running" : pipeline.state().startsWith("restarting") ? "restart" : "stopped", pipeline.log()
              + (pipeline.restarts() > 0 ? "  (" + pipeline.restarts() + " restarts; " + pipeline.state() + ")" : ""));
    }
    if (allReady) {
      System.out.println();
      System.out.println(Banner.whereToLook(config));
    }
    return allReady ? 0 : 1;
  }
}

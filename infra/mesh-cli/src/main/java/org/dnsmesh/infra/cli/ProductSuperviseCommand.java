package org.dnsmesh.infra.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.ProcessSupervisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mesh product supervise <domain>/<product>...}: what {@code mesh up} starts; see {@link ProductPipelines}. */
@Command(name = "supervise", hidden = true, mixinStandardHelpOptions = true,
    description = {"Run each product's continuous pipeline (`mesh product serve`) as a child process, restarted with",
        "backoff (1 s doubling to 60 s) whenever it exits, until this process gets SIGTERM (`mesh down`)."})
final class ProductSuperviseCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DOMAIN/PRODUCT", arity = "1..*")
  List<String> products;

  @Override
  public Integer call() throws InterruptedException {
    ProductPipelines pipelines = new ProductPipelines(MeshStack.recorded(MeshCli.config()));
    ProcessSupervisor supervisor = ProcessSupervisor.withDefaults(products.stream().map(pipelines::child).toList());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      supervisor.stop();
      try {
        supervisor.awaitStopped(); // each child's state file says "stopped" before the JVM ends
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "stop-pipelines"));
    System.out.println("supervising " + String.join(", ", products));
    supervisor.start();
    supervisor.awaitStopped();
    return 0;
  }
}

package org.dnsmesh.infra.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.dnsmesh.infra.stack.MeshStack;
import picocli.CommandLine.Command;

@Command(name = "down", mixinStandardHelpOptions = true,
    description = "Stop every process `mesh up` started (data in .mesh/ is kept; delete it for a clean slate).")
final class DownCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    org.dnsmesh.infra.stack.StackConfig config = MeshStack.recorded(MeshCli.config());
    // the pipelines first: each commits what it has while Kafka and the catalog are still up
    boolean pipelines = new ProductPipelines(config).stop();
    List<String> stopped = new java.util.ArrayList<>(new MeshStack(config, System.out::println).down());
    if (pipelines) {
      stopped.addFirst("product pipelines");
    }
    System.out.println(stopped.isEmpty() ? "Nothing was running." : "Stopped: " + String.join(", ", stopped));
    return 0;
  }
}

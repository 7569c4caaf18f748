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
    List<String> stopped = new MeshStack(MeshStack.recorded(MeshCli.config()), System.out::println).down();
    System.out.println(stopped.isEmpty() ? "Nothing was running." : "Stopped: " + String.join(", ", stopped));
    return 0;
  }
}

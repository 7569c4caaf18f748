package org.dnsmesh.infra.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.dnsmesh.infra.demo.DemoData;
import org.dnsmesh.infra.stack.BootstrapSecretFile;
import org.dnsmesh.infra.stack.IdentitySettings;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.StackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
    description = {"Start the whole mesh on this machine and print where to look.",
        "Checks PostgreSQL (creates the database), starts Kafka (KRaft), the catalog service and Trino, waits",
        "until each answers, and stops everything again if one does not. Settings: MESH_* environment",
        "variables (see the README), e.g. MESH_TRINO_PORT=8085 ./mesh up."})
final class UpCommand implements Callable<Integer> {
  @Option(names = "--no-demo", description = "do not write the demo tables nor run the demo products")
  boolean noDemo;

  @Option(names = "--dev-login", description = {"turn on the web UI's dev login (off by default; also MESH_DEV_LOGIN=true):",
      "it answers only on loopback and only once, to the bootstrap secret printed at the end"})
  boolean devLogin;

  @Override
  public Integer call() {
    StackConfig config = MeshCli.config();
    if (devLogin) {
      System.setProperty("mesh.dev-login", "true");
    }
    MeshStack stack = new MeshStack(config, System.out::println);
    DemoProductRuns products = noDemo ? null : DemoProductRuns.start(config, stack.tokens(), System.out);
    Duration took = stack.up();
    if (!noDemo) {
      List<String> seeded = new DemoData(config, stack.tokens()).seed();
      if (!seeded.isEmpty()) {
        System.out.println("Wrote demo tables " + String.join(", ", seeded));
      }
      products.report(System.out);
      // each published product's pipeline, continuously and under supervision (see `mesh status`)
      ProductPipelines pipelines = new ProductPipelines(config);
      pipelines.start(org.dnsmesh.products.demo.DemoProducts.products());
      System.out.println("Continuous pipelines (restarted on exit; logs " + config.layout().logs()
          + "/product-*.log): " + String.join(", ", org.dnsmesh.products.demo.DemoProducts.products()));
    }
    System.out.println();
    System.out.printf("DNS Data Mesh is up (ready in %.1f s).%n", took.toMillis() / 1000.0);
    System.out.println(Banner.whereToLook(config));
    if (IdentitySettings.fromEnvironment().devLogin()) {
      System.out.println();
      System.out.println("Dev login is ON (loopback only). One-time bootstrap secret for the UI's dev login:");
      System.out.println("  " + BootstrapSecretFile.read(config.layout()));
      System.out.println("It works once; afterwards use ./mesh token <principal>.");
    }
    return 0;
  }
}

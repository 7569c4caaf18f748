package org.dnsmesh.infra.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dnsmesh.infra.stack.ManagedProcess;
import org.dnsmesh.infra.stack.ProcessSupervisor;
import org.dnsmesh.infra.stack.StackConfig;

/**
 * The continuous product pipelines of a running mesh: one supervisor process ({@code mesh product supervise},
 * started by {@code mesh up}, stopped by {@code mesh down}) that runs each product's pipeline
 * ({@code mesh product serve}) as a child process of its own, restarts it with backoff when it exits, and keeps a
 * log ({@code .mesh/logs/product-<domain>-<product>.log}) and a state file per product for {@code mesh status}.
 */
final class ProductPipelines {
  static final String SUPERVISOR = "product-pipelines";

  private final StackConfig config;

  ProductPipelines(StackConfig config) {
    this.config = config;
  }

  ManagedProcess supervisor() {
    return new ManagedProcess(SUPERVISOR, config.layout().pidFile(SUPERVISOR), config.layout().log(SUPERVISOR));
  }

  Path cliJar() {
    return config.home().resolve("infra/mesh-cli/target/mesh-cli.jar");
  }

  /** {@code na/na-resolver-queries} -> {@code na-na-resolver-queries}. */
  static String fileName(String product) {
    return product.replace('/', '-');
  }

  Path stateDirectory() {
    return config.layout().root().resolve("products");
  }

  /** The child of one product, as the supervisor starts it. */
  ProcessSupervisor.Child child(String product) {
    List<String> command = new ArrayList<>(List.of(config.javaHome().resolve("bin/java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-XX:+UseSerialGC",
        "-Dmesh.home=" + config.home().toAbsolutePath(), "-jar", cliJar().toString(), "product", "serve", product));
    return new ProcessSupervisor.Child(product, command, Map.of(),
        config.layout().log("product-" + fileName(product)), stateDirectory().resolve(fileName(product) + ".state"));
  }

  /** Starts the supervisor for {@code products} (each {@code <domain>/<product>}); a no-op when it already runs. */
  void start(List<String> products) {
    if (products.isEmpty() || supervisor().running().isPresent()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of(config.javaHome().resolve("bin/java").toString(),
        "-Xmx64m", "-XX:+UseSerialGC", "-Dmesh.home=" + config.home().toAbsolutePath(), "-jar",
        cliJar().toString(), "product", "supervise"));
    command.addAll(products);
    supervisor().start(command, config.layout().root().resolve("products"), Map.of());
  }

  /** Stops the supervisor, which stops every pipeline (SIGTERM: each commits what it has). */
  boolean stop() {
    return supervisor().stop(Duration.ofSeconds(60));
  }

  /** One line of {@code mesh status} per supervised product. */
  record Status(String product, Long pid, String state, int restarts, Path log) {}

  List<Status> status() {
    List<Status> statuses = new ArrayList<>();
    if (!Files.isDirectory(stateDirectory())) {
      return statuses;
    }
    boolean supervised = supervisor().running().isPresent();
    try (Stream<Path> files = Files.list(stateDirectory())) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".state")).sorted().toList()) {
        String name = file.getFileName().toString().replaceFirst("\\.state$", "");
        ProcessSupervisor.State.read(file).ifPresent(state -> statuses.add(new Status(name.replaceFirst("-", "/"),
            supervised ? state.pid() : null, supervised ? state.state() : "stopped", state.restarts(),
            config.layout().log("product-" + name))));
      }
    } catch (IOException e) {
      // no status for the pipelines
    }
    return statuses;
  }
}

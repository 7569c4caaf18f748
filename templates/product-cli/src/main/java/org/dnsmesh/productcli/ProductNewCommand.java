package org.dnsmesh.productcli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mesh product new --domain D --name N [--dir data-products]}: installs the archetype from the repository
 * ({@code ./mvnw -q -pl templates/product-archetype install}), runs {@code archetype:generate} in batch mode inside
 * {@code --dir}, and lists the new module in that directory's pom.xml. Exit codes: 0 done, 1 refused or failed.
 */
@Command(name = "new", mixinStandardHelpOptions = true, description = "Generate a data product from the archetype.")
public final class ProductNewCommand implements Callable<Integer> {

  static final String VERSION = "0.1.0-SNAPSHOT";

  @Option(names = "--domain", required = true, description = "Owning domain, e.g. na, eu, apac.")
  String domain;

  @Option(names = "--name", required = true, description = "Product name = module directory, e.g. na-dns-stats.")
  String name;

  @Option(names = "--dir", defaultValue = "data-products", description = "Products directory (default ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--skip-archetype-install", description = "The archetype is already in the local repository.")
  boolean skipInstall;

  @Override
  public Integer call() throws Exception {
    ProductRequest request;
    try {
      request = new ProductRequest(domain, name);
    } catch (IllegalArgumentException e) {
      System.err.println("mesh product new: " + e.getMessage());
      return 1;
    }
    Path products = dir.toAbsolutePath().normalize();
    Path root = repositoryRoot(products);
    Path parentPom = products.resolve("pom.xml");
    if (root == null || !Files.isRegularFile(parentPom)) {
      System.err.println("mesh product new: " + products + " is not a products directory of a repository with mvnw");
      return 1;
    }
    if (Files.exists(products.resolve(request.name()))) {
      System.err.println("mesh product new: " + products.resolve(request.name()) + " already exists");
      return 1;
    }
    Path mvnw = root.resolve("mvnw");
    if (!skipInstall && run(root, List.of(mvnw.toString(), "-B", "-q", "-pl", "templates/product-archetype",
        "install")) != 0) {
      System.err.println("mesh product new: installing templates/product-archetype failed");
      return 1;
    }
    List<String> generate = new ArrayList<>(List.of(mvnw.toString()));
    generate.addAll(request.archetypeGenerateArguments(VERSION));
    if (run(products, generate) != 0) {
      System.err.println("mesh product new: archetype:generate failed");
      return 1;
    }
    Files.writeString(parentPom, request.withModule(Files.readString(parentPom)));
    System.out.println("Created " + products.resolve(request.name()) + " (package " + request.javaPackage()
        + "); build it with ./mvnw -pl " + root.relativize(products.resolve(request.name())) + " -am verify");
    return 0;
  }

  private static Path repositoryRoot(Path from) {
    Path dir = from;
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    return dir;
  }

  private static int run(Path dir, List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      System.err.println("mesh product new: timed out: " + String.join(" ", command));
      return 1;
    }
    return process.exitValue();
  }
}

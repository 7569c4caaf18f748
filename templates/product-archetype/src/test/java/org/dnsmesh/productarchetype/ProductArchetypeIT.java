package org.dnsmesh.productarchetype;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the archetype: in a copy of the repository, generates a product into {@code data-products/} with
 * {@code archetype:generate}, adds it as a module, and runs its build with its own tests (unit and Kafka -> Iceberg
 * IT). The archetype jar goes into a private local repository whose read-only tail is {@code ~/.m2/repository}
 * (Maven 3.9 {@code maven.repo.local.tail}), so the shared repository is never written by an install.
 */
class ProductArchetypeIT {

  static final Set<String> SKIP = Set.of("target", ".git", "node_modules");

  @TempDir Path work;

  @Test
  void generatedProductBuildsAndPassesItsTests() throws Exception {
    Path repoRoot = repositoryRoot();
    Path copy = work.resolve("repo");
    copyTree(repoRoot, copy);
    Path privateRepo = work.resolve("m2");
    String tail = Path.of(System.getProperty("user.home"), ".m2", "repository").toString();
    List<String> repoArgs = List.of("-Dmaven.repo.local=" + privateRepo, "-Dmaven.repo.local.tail=" + tail);

    Path jar = Path.of("target", "product-archetype-0.1.0-SNAPSHOT.jar").toAbsolutePath();
    assertThat(jar).exists();
    run(copy, repoArgs, "install:install-file", "-Dfile=" + jar, "-DgroupId=org.dnsmesh",
        "-DartifactId=product-archetype", "-Dversion=0.1.0-SNAPSHOT", "-Dpackaging=maven-archetype");

    run(copy.resolve("data-products"), repoArgs, "archetype:generate", "-DinteractiveMode=false",
        "-DarchetypeGroupId=org.dnsmesh", "-DarchetypeArtifactId=product-archetype",
        "-DarchetypeVersion=0.1.0-SNAPSHOT", "-DgroupId=org.dnsmesh", "-DartifactId=demo-queries",
        "-Dversion=0.1.0-SNAPSHOT", "-Dpackage=org.dnsmesh.products.demo", "-Ddomain=demo");
    Path product = copy.resolve("data-products/demo-queries");
    assertThat(product.resolve("datacontract.yaml")).exists();
    assertThat(product.resolve("src/main/java/org/dnsmesh/products/demo/ProductDefinition.java")).exists();
    Path parentPom = copy.resolve("data-products/pom.xml");
    String pom = Files.readString(parentPom);
    if (!pom.contains("<module>demo-queries</module>")) {
      Files.writeString(parentPom, pom.replace("</modules>", "  <module>demo-queries</module>\n  </modules>"));
    }

    run(copy, repoArgs, "-pl", "data-products/demo-queries", "-am", "verify",
        "-Dtest=org.dnsmesh.products.demo.*Test", "-Dit.test=org.dnsmesh.products.demo.*IT",
        "-Dsurefire.failIfNoSpecifiedTests=false", "-Dfailsafe.failIfNoSpecifiedTests=false");
    assertThat(product.resolve("target/surefire-reports/TEST-org.dnsmesh.products.demo.ProductTest.xml"))
        .content().contains("tests=\"3\"").contains("failures=\"0\"").contains("errors=\"0\"");
    assertThat(product.resolve("target/failsafe-reports/TEST-org.dnsmesh.products.demo.ProductIT.xml"))
        .content().contains("tests=\"1\"").contains("failures=\"0\"").contains("errors=\"0\"");
  }

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path rel = from.relativize(p);
        boolean skipped = false;
        for (Path part : rel) {
          if (SKIP.contains(part.toString())) {
            skipped = true;
            break;
          }
        }
        // The product list of the copy is reset below only through the generated module; nothing else changes.
        if (skipped) {
          continue;
        }
        Path target = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
          if (p.toFile().canExecute()) {
            target.toFile().setExecutable(true);
          }
        }
      }
    }
  }

  static void run(Path dir, List<String> repoArgs, String... args) throws Exception {
    Path root = dir;
    while (!Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-q"));
    command.addAll(repoArgs);
    command.addAll(List.of(args));
    Path log = Files.createTempFile(dir.getParent(), "mvn", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    if (!process.waitFor(12, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command + "\n" + tail(log));
    }
    assertThat(process.exitValue()).as("%s\n%s", command, tail(log)).isZero();
  }

  static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}

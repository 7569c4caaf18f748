package org.dnsmesh.governance.rego;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Executes the compiled Rego bundle with a real Rego interpreter: {@code opa} where it is on the PATH, otherwise
 * the OPA-compatible rego-cpp build at {@code ../shared/tools/rego-cpp/rego} relative to the project root (see its
 * README: data documents load at the root of {@code data}, the answer is the last output line, {@code undefined}
 * when the rule is). {@link #find()} is empty when neither exists, and callers skip visibly.
 */
public final class RegoEngine {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String REGO_CPP = "../shared/tools/rego-cpp/rego";

  private final Path binary;
  private final boolean opa;

  private RegoEngine(Path binary, boolean opa) {
    this.binary = binary;
    this.opa = opa;
  }

  /** {@code opa} on the PATH, else rego-cpp under the project root's sibling {@code shared/}, else empty. */
  public static Optional<RegoEngine> find() {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, "opa");
      if (!directory.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(new RegoEngine(candidate, true));
      }
    }
    return projectRoot().map(root -> root.resolve(REGO_CPP).normalize()).filter(Files::isExecutable)
        .map(path -> new RegoEngine(path, false));
  }

  /** Why nothing was evaluated, for the visible skip. */
  public static String missingMessage() {
    return "neither 'opa' on PATH nor " + projectRoot().map(root -> root.resolve(REGO_CPP).normalize().toString()).orElse(REGO_CPP)
        + " is executable: the Rego bundle decision cases were NOT evaluated";
  }

  /** The folder holding the reactor's {@code mvnw}, walking up from the working directory. */
  static Optional<Path> projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("governance"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  public String describe() {
    return (opa ? "opa " : "rego-cpp ") + binary;
  }

  /**
   * Evaluates {@code query} (e.g. {@code data.dnsmesh.authz.allow}) over a bundle directory as written by
   * {@code OpaBundle.writeTo}; the value, or null when the rule is undefined.
   */
  public JsonNode evaluate(Path bundle, String query, JsonNode input) {
    try {
      Path inputFile = Files.createTempFile("rego-input", ".json");
      try {
        Files.writeString(inputFile, JSON.writeValueAsString(input));
        return opa ? evaluateWithOpa(bundle, query, inputFile) : evaluateWithRegoCpp(bundle, query, inputFile);
      } finally {
        Files.deleteIfExists(inputFile);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode evaluateWithOpa(Path bundle, String query, Path input) throws IOException {
    String out = run(List.of(binary.toString(), "eval", "--bundle", bundle.toString(), "--input", input.toString(),
        "--format", "json", query));
    JsonNode result = JSON.readTree(out).path("result");
    return result.isArray() && !result.isEmpty() ? result.get(0).path("expressions").get(0).get("value") : null;
  }

  private JsonNode evaluateWithRegoCpp(Path bundle, String query, Path input) throws IOException {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "eval"));
    try (Stream<Path> files = Files.walk(bundle)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String relative = bundle.relativize(file).toString().replace(File.separatorChar, '/');
        if (relative.endsWith(".rego")) {
          command.addAll(List.of("-d", file.toString()));
        } else if (relative.endsWith("/data.json") || relative.equals("data.json")) {
          command.addAll(List.of("-d", mounted(file, relative).toString()));
        }
      }
    }
    command.addAll(List.of("-i", input.toString(), query));
    String out = run(command);
    List<String> lines = out.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    String last = lines.isEmpty() ? "" : lines.getLast();
    if (last.equals("undefined")) {
      return null;
    }
    JsonNode answer = JSON.readTree(last);
    JsonNode expressions = answer.path("expressions");
    if (!expressions.isArray() || expressions.isEmpty()) {
      throw new IllegalStateException("rego-cpp answered " + last + " for " + query);
    }
    return expressions.get(0);
  }

  /** rego-cpp loads data at the root of {@code data}: wrap a bundle's {@code a/b/data.json} as {@code {"a":{"b":...}}}. */
  private static Path mounted(Path file, String relative) throws IOException {
    JsonNode document = JSON.readTree(file.toFile());
    String[] folders = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/')).split("/") : new String[0];
    for (int i = folders.length - 1; i >= 0; i--) {
      ObjectNode wrapper = JSON.createObjectNode();
      wrapper.set(folders[i], document);
      document = wrapper;
    }
    Path mounted = file.resolveSibling(file.getFileName() + ".mounted.json");
    Files.writeString(mounted, JSON.writeValueAsString(document));
    return mounted;
  }

  private static String run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("'" + String.join(" ", command) + "' failed: " + new String(output, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return new String(output, StandardCharsets.UTF_8);
  }
}

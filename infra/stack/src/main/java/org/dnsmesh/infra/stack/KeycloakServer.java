package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak (the {@code org.keycloak:keycloak-quarkus-dist} zip from Maven Central, cached in the local
 * Maven repository like Trino's tarball) as the external OpenID Connect provider of tests: unpacked into its
 * own folder per run, realms imported from JSON at start, in-memory database, HTTP and management ports on
 * loopback. Ready in ~24 s on 2 cores.
 */
public final class KeycloakServer implements AutoCloseable {
  public static final String VERSION = "26.5.6";

  private final StackConfig config;
  private final Path home;
  private final int httpPort;
  private final int managementPort;
  private final ManagedProcess process;

  /** @param workDir a fresh folder: the distribution is unpacked into it */
  public KeycloakServer(StackConfig config, Path workDir) {
    this.config = config;
    this.home = workDir.resolve("keycloak-" + VERSION);
    this.httpPort = Ports.findFree();
    this.managementPort = Ports.findFree();
    this.process = new ManagedProcess("keycloak", workDir.resolve("keycloak.pid"), workDir.resolve("keycloak.log"));
  }

  public Path zip() {
    return config.mavenRepository().resolve("org/keycloak/keycloak-quarkus-dist/" + VERSION
        + "/keycloak-quarkus-dist-" + VERSION + ".zip");
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** The issuer ({@code iss}) of a realm, as Keycloak writes it into tokens and its discovery document. */
  public String issuer(String realm) {
    return baseUrl() + "/realms/" + realm;
  }

  public String tokenEndpoint(String realm) {
    return issuer(realm) + "/protocol/openid-connect/token";
  }

  /** Unpacks the distribution, writes the realms to import ({@code name -> realm JSON}) and starts it. */
  public void start(Map<String, String> realms) {
    try {
      if (!Files.exists(zip())) {
        download();
      }
      unzip();
      Path imports = home.resolve("data/import");
      Files.createDirectories(imports);
      for (Map.Entry<String, String> realm : realms.entrySet()) {
        Files.writeString(imports.resolve(realm.getKey() + "-realm.json"), realm.getValue());
      }
    } catch (IOException e) {
      throw new StackException("Cannot prepare Keycloak in " + home + ": " + e.getMessage(), e);
    }
    List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
        "--http-host=127.0.0.1", "--http-port=" + httpPort,
        "--http-management-port=" + managementPort, "--db=dev-mem", "--import-realm");
    process.start(command, home, Map.of("JAVA_HOME", config.javaHome().toString(),
        "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m"));
  }

  /** Waits until every realm's discovery document answers. */
  public void awaitReady(Duration timeout, List<String> realms) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String realm : realms) {
      String discovery = issuer(realm) + "/.well-known/openid-configuration";
      while (Http.status(discovery) != 200) {
        if (process.running().isEmpty()) {
          throw new StackException("Keycloak exited during start; log tail:\n" + process.logTail(40));
        }
        if (System.nanoTime() > deadline) {
          throw new StackException("Keycloak not ready after " + timeout.toSeconds() + " s; log tail:\n"
              + process.logTail(40));
        }
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StackException("interrupted waiting for Keycloak", e);
        }
      }
    }
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(20));
  }

  private void unzip() throws IOException {
    Files.createDirectories(home.getParent());
    run(List.of("unzip", "-q", "-o", zip().toString(), "-d", home.getParent().toString()), "unpack " + zip());
    if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
      throw new StackException("The Keycloak zip did not unpack to " + home);
    }
  }

  private void download() {
    run(List.of(config.home().resolve("mvnw").toString(), "-B", "-q", "-C",
        "-Dmaven.repo.local=" + config.mavenRepository(),
        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get",
        "-Dartifact=org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip", "-Dtransitive=false"),
        "download Keycloak " + VERSION + " (~165 MB, once) from Maven Central");
  }

  private void run(List<String> command, String what) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(config.home().toFile()).inheritIO();
      builder.environment().put("JAVA_HOME", config.javaHome().toString());
      Process child = builder.start();
      if (!child.waitFor(30, TimeUnit.MINUTES) || child.exitValue() != 0) {
        child.destroyForcibly();
        throw new StackException("Could not " + what + " (exit " + (child.isAlive() ? "timeout" : child.exitValue()) + ")");
      }
    } catch (IOException e) {
      throw new StackException("Could not " + what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted: " + what, e);
    }
  }
}

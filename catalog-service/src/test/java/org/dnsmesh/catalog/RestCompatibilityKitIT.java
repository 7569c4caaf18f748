package org.dnsmesh.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.dnsmesh.infra.iceberg.LocalFileIO;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs Iceberg's REST Compatibility Kit (catalog and view suites from iceberg-open-api's test jar)
 * against the built service, started from {@code target/quarkus-app/quarkus-run.jar} the way the
 * launcher starts it, on a scratch database.
 *
 * <p>The kit hard-codes some table locations under {@code file:/tmp}. The service refuses locations
 * outside a domain's warehouse, so this run uses warehouse root {@code /} and the single domain
 * {@code tmp} (warehouse {@code /tmp}): the kit's locations are inside, and the refusal stays on.
 */
class RestCompatibilityKitIT {
  private static final String DATABASE = "dnsmesh_test_catalog_rck";
  private static final String SECRET = TestClients.randomSecret();
  private static final List<String> SUITES = List.of(
      "org.apache.iceberg.rest.RESTCompatibilityKitCatalogTests",
      "org.apache.iceberg.rest.RESTCompatibilityKitViewCatalogTests");

  @Test
  void compatibilityKitPasses() throws Exception {
    Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
    assertThat(jar).as("built service (run mvn package first)").exists();
    Path work = Files.createTempDirectory("catalog-rck");
    TestKeys.Files2 keys = TestKeys.write(work.resolve("keys"));
    int port = freePort();
    String javaCommand = ProcessHandle.current().info().command().orElse("java");
    Path log = Path.of("target/rck-service.log");
    Process service = new ProcessBuilder(
            javaCommand,
            "-Dquarkus.http.port=" + port,
            "-Dquarkus.datasource.jdbc.url=" + TestDatabase.recreate(DATABASE),
            "-Dquarkus.datasource.username=postgres",
            "-Dmesh.warehouse.root=/",
            "-Dmesh.domains=tmp",
            "-Dmesh.auth.public-key=" + keys.publicKey(),
            "-Dmesh.auth.private-key=" + keys.privateKey(),
            "-Dmesh.auth.dev-tokens=true",
            "-Dmesh.auth.client-secrets-file=" + TestClients.write(work.resolve("secrets/oauth-clients.properties"),
                CatalogTestEnvironment.POLICY_FILE, SECRET),
            "-Dmesh.policy.file=" + CatalogTestEnvironment.POLICY_FILE,
            "-jar", jar.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    try {
      awaitReady(service, port, log);
      Map<String, String> client = Map.of(
          "uri", "http://127.0.0.1:" + port + "/iceberg",
          "warehouse", "tmp",
          "credential", "admin:" + SECRET,
          "oauth2-server-uri", "http://127.0.0.1:" + port + "/iceberg/v1/oauth/tokens",
          "io-impl", LocalFileIO.class.getName(),
          "rck.local", "false");
      // The kit copies every system property into its client's catalog properties.
      client.forEach(System::setProperty);
      Result result = runKit(client);
      System.out.println(result.report());
      Files.writeString(Path.of("target/rck-summary.txt"), result.report());
      assertThat(result.failures()).as(result.report()).isEmpty();
      assertThat(result.summary().getTestsSucceededCount()).isGreaterThan(100);
    } finally {
      service.destroy();
      if (!service.waitFor(20, TimeUnit.SECONDS)) {
        service.destroyForcibly();
      }
    }
  }

  private record Result(TestExecutionSummary summary, List<String> skipped, List<String> failures) {
    String report() {
      StringBuilder report = new StringBuilder()
          .append("RCK: found ").append(summary.getTestsFoundCount())
          .append(", succeeded ").append(summary.getTestsSucceededCount())
          .append(", skipped ").append(summary.getTestsSkippedCount())
          .append(", aborted ").append(summary.getTestsAbortedCount())
          .append(", failed ").append(summary.getTestsFailedCount())
          .append(" (container failures ").append(summary.getContainersFailedCount()).append(")\n");
      skipped.forEach(line -> report.append("  skipped/aborted: ").append(line).append('\n'));
      failures.forEach(line -> report.append("  FAILED: ").append(line).append('\n'));
      return report.toString();
    }
  }

  private static Result runKit(Map<String, String> configuration) {
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
        .configurationParameters(configuration);
    SUITES.forEach(suite -> request.selectors(selectClass(suite)));
    LauncherDiscoveryRequest discovery = request.build();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    ConcurrentLinkedQueue<String> skipped = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    TestExecutionListener details = new TestExecutionListener() {
      @Override
      public void executionSkipped(TestIdentifier test, String reason) {
        skipped.add(test.getLegacyReportingName() + " — " + reason);
      }

      @Override
      public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        String name = test.getUniqueId().replaceAll(".*class:", "").replace("]/[method:", "#").replace("]", "");
        switch (result.getStatus()) {
          case SUCCESSFUL -> { }
          case ABORTED -> skipped.add(name + " — aborted: "
              + result.getThrowable().map(Throwable::getMessage).orElse("?"));
          case FAILED -> failures.add(name + " — "
              + result.getThrowable().map(Throwable::toString).orElse("?"));
        }
      }
    };
    Launcher launcher = LauncherFactory.create();
    launcher.execute(discovery, summary, details);
    return new Result(summary.getSummary(), new ArrayList<>(skipped), new ArrayList<>(failures));
  }

  private static void awaitReady(Process service, int port, Path log) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
        .timeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      if (!service.isAlive()) {
        throw new IllegalStateException("Catalog service exited with " + service.exitValue() + "; log:\n"
            + Files.readString(log));
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Catalog service not ready after 120 s; log:\n" + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

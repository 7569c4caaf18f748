package org.dnsmesh.governance.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.dnsmesh.governance.DemoPolicy;
import org.dnsmesh.governance.compile.RegoBundleCompiler;
import org.dnsmesh.governance.decision.OpaBundleUpload;
import org.dnsmesh.governance.decision.OpaConfig;
import org.dnsmesh.governance.decision.OpaPolicyDecisionPoint;
import org.dnsmesh.governance.rego.RegoEngine;
import org.dnsmesh.governance.rego.RegoOpaServerStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision cases against the OPA decision point over HTTP, where the server is a STAND-IN for OPA (no opa
 * server can be installed here) that evaluates the compiled bundle through a real Rego interpreter (opa eval or
 * rego-cpp), not the embedded evaluator: the bundle is pushed to it the way an approved policy is pushed to OPA
 * ({@link OpaBundleUpload}), then every case goes through {@link OpaPolicyDecisionPoint} (Trino's cases through
 * the Trino adapter on top of it). Skipped visibly when no interpreter exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpaDecisionPointOverHttpWithRegoStandInServerTest {
  @TempDir
  static Path bundle;

  private RegoOpaServerStandIn server;
  private OpaPolicyDecisionPoint opa;
  private OpaBundleUpload.Result pushed;

  @BeforeAll
  void pushTheCompiledBundle() throws Exception {
    Optional<RegoEngine> engine = RegoEngine.find();
    if (engine.isEmpty()) {
      System.out.println("[OpaDecisionPointOverHttpWithRegoStandInServerTest] SKIPPED: " + RegoEngine.missingMessage());
      return;
    }
    server = new RegoOpaServerStandIn(engine.get(), bundle);
    OpaConfig config = new OpaConfig(server.baseUri(), "dnsmesh/authz", Duration.ofSeconds(30));
    pushed = new OpaBundleUpload(config, HttpClient.newHttpClient())
        .push(new RegoBundleCompiler(DemoPolicy.EXPRESSIONS).compile(DemoPolicy.POLICY, DemoPolicy.TABLES));
    opa = OpaPolicyDecisionPoint.create(config);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theBundleIsPushedThroughOpasRestApi() {
    Assumptions.assumeTrue(server != null, RegoEngine.missingMessage());
    assertThat(pushed.pushed()).as(pushed.detail()).isTrue();
    assertThat(server.requests()).startsWith("PUT /v1/data/dnsmesh/policy")
        .contains("PUT /v1/policies/dnsmesh/authz/authz.rego", "PUT /v1/policies/dnsmesh/trino/trino.rego");
  }

  @TestFactory
  Stream<DynamicTest> everyCaseOverHttpThroughTheInterpreter() {
    Assumptions.assumeTrue(server != null, RegoEngine.missingMessage());
    return DecisionCases.load().stream().map(c -> DynamicTest.dynamicTest(c.name(), () ->
        assertThat(DecisionCases.answer(opa, c)).as(c.name() + " " + c.input()).isEqualTo(DecisionCases.expected(c))));
  }
}

package org.dnsmesh.governance.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.dnsmesh.governance.DemoPolicy;
import org.dnsmesh.governance.compile.RegoBundleCompiler;
import org.dnsmesh.governance.rego.RegoEngine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs decision-cases.json through the compiled OPA bundle with a real Rego interpreter: {@code opa eval} where
 * {@code opa} is on the PATH, otherwise the OPA-compatible rego-cpp at {@code ../shared/tools/rego-cpp/rego}
 * (relative to the project root). Without either, the whole factory is skipped with a visible message.
 */
class RegoDecisionCasesTest {
  @TempDir
  Path bundle;

  /** Reported as skipped (with the message) when no interpreter exists, so the gap shows in every test report. */
  @Test
  void aRegoInterpreterIsAvailable() {
    Optional<RegoEngine> engine = RegoEngine.find();
    Assumptions.assumeTrue(engine.isPresent(), RegoEngine.missingMessage());
    System.out.println("[RegoDecisionCasesTest] evaluating the bundle with " + engine.get().describe());
  }

  @TestFactory
  Stream<DynamicTest> compiledRegoBundlePassesEveryCase() {
    Optional<RegoEngine> engine = RegoEngine.find();
    if (engine.isEmpty()) {
      System.out.println("[RegoDecisionCasesTest] SKIPPED: " + RegoEngine.missingMessage());
    }
    Assumptions.assumeTrue(engine.isPresent(), RegoEngine.missingMessage());
    new RegoBundleCompiler(DemoPolicy.EXPRESSIONS).compile(DemoPolicy.POLICY, DemoPolicy.TABLES).writeTo(bundle);
    return DecisionCases.load().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      JsonNode answer = engine.get().evaluate(bundle, DecisionCases.query(c), c.input());
      assertThat(DecisionCases.normaliseRegoAnswer(c, answer)).as(c.name() + " " + c.input()).isEqualTo(DecisionCases.expected(c));
    }));
  }
}

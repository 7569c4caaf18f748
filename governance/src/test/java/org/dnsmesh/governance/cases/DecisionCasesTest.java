package org.dnsmesh.governance.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.dnsmesh.governance.DemoPolicy;
import org.dnsmesh.governance.decision.PolicyDecisionPoint;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The embedded evaluator passes every case of decision-cases.json. */
class DecisionCasesTest {
  private final PolicyDecisionPoint embedded = DemoPolicy.embedded();

  @Test
  void tableIsLargeAndCoversEveryPrincipalAndDecision() {
    List<DecisionCases.Case> cases = DecisionCases.load();

    assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
    assertThat(cases.stream().map(c -> c.input().path("principal").asText(c.input().path("context").path("identity").path("user").asText())))
        .containsAll(DemoPolicy.POLICY.principals().stream().map(p -> p.name().value()).toList());
    assertThat(cases).extracting(DecisionCases.Case::name).doesNotHaveDuplicates();
  }

  @TestFactory
  Stream<DynamicTest> embeddedEvaluatorPassesEveryCase() {
    return DecisionCases.load().stream()
        .map(c -> DynamicTest.dynamicTest(c.name(), () ->
            assertThat(DecisionCases.answer(embedded, c)).as(c.name() + " " + c.input()).isEqualTo(DecisionCases.expected(c))));
  }
}

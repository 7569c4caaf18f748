package org.dnsmesh.governance.decision;

import org.dnsmesh.governance.DemoPolicy;

class EmbeddedPolicyDecisionPointTest extends PolicyDecisionPointContract {
  private final PolicyDecisionPoint point = DemoPolicy.embedded();

  @Override
  PolicyDecisionPoint decisionPoint() {
    return point;
  }
}

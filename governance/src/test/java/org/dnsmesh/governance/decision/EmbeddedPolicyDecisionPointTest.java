package org.dnsmesh.governance.decision;

import static org.assertj.core.api.Assertions.assertThat;

import org.dnsmesh.governance.DemoPolicy;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PrincipalName;
import org.junit.jupiter.api.Test;

class EmbeddedPolicyDecisionPointTest extends PolicyDecisionPointContract {
  private final PolicyDecisionPoint point = DemoPolicy.embedded();

  @Override
  PolicyDecisionPoint decisionPoint() {
    return point;
  }

  @Test
  void aRefusedFileAccessNamesTheMasksTheFilterAndTrino() {
    Decision ana = point.authorize(PrincipalName.of("ana"), Operation.READ_TABLE_FILES, QUERIES.toResource());
    assertThat(ana.reason()).contains("masked columns [client_ip, qname, resolver_id]").contains("row filter region = 'eu'")
        .contains("through Trino");
  }
}

package org.dnsmesh.governance.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dnsmesh.governance.DemoPolicy;
import org.dnsmesh.governance.policy.Classification;
import org.dnsmesh.governance.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

class PolicyLintTest {
  @Test
  void passesAFullyClassifiedTable() {
    CheckResult result = new PolicyLint(DemoPolicy.POLICY).lint(List.of(
        new PolicyLint.DeclaredColumn("client_ip", "varchar", Optional.of(Classification.PII), Set.of("client-ip")),
        new PolicyLint.DeclaredColumn("qtype", "varchar", Optional.of(Classification.PUBLIC), Set.of())));

    assertThat(result.status()).isEqualTo(CheckResult.CheckStatus.PASSED);
  }

  @Test
  void failsUnclassifiedColumnsAndWarnsAboutNullOnlyMasks() {
    CheckResult result = new PolicyLint(DemoPolicy.POLICY).lint(List.of(
        new PolicyLint.DeclaredColumn("qname", "varchar", Optional.empty(), Set.of()),
        new PolicyLint.DeclaredColumn("account_id", "bigint", Optional.of(Classification.PII), Set.of())));

    assertThat(result.status()).isEqualTo(CheckResult.CheckStatus.FAILED);
    assertThat(result.detail()).contains("column qname has no classification", "account_id (bigint) gets hmac-token");
  }

  @Test
  void failsPiiWithoutAMaskingRule() {
    var policy = PolicyLoader.parse("apiVersion: dnsmesh.org/v1\nkind: AccessPolicy\nversion: 1\ndomains: [na]\nprincipals: []\n"
        + "masking:\n  - classification: pii\n    mask: none\n", "lax.yaml");

    CheckResult result = new PolicyLint(policy).lint(List.of(
        new PolicyLint.DeclaredColumn("email", "varchar", Optional.of(Classification.PII), Set.of())));

    assertThat(result.detail()).isEqualTo("pii column email has no masking rule");
  }
}

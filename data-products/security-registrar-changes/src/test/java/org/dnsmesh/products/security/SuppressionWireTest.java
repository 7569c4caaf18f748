package org.dnsmesh.products.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dnsmesh.governance.workflow.ChangeRequestId;
import org.dnsmesh.governance.workflow.Suppression;
import org.dnsmesh.governance.workflow.WorkflowException;
import org.junit.jupiter.api.Test;

/**
 * Governance writes a suppression ({@code Suppression}: the rules the catalog accepts, the record it publishes on the
 * suppressions topic) and this product reads it ({@link Rule}, {@link SuppressionRule}): two modules, one contract.
 * This module may see both (it sits above governance), so the contract is held here, without a broker.
 */
class SuppressionWireTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant FROM = Instant.parse("2026-12-07T10:15:30.250Z");

  @Test
  void theCatalogAcceptsExactlyTheRulesOfThisProductEachWithItsCaseScope() {
    Map<String, String> catalogDefault = Suppression.knownRules(List.of(Suppression.SECURITY_PRODUCT_RULES.split(",")));
    Map<String, String> detected = new LinkedHashMap<>();
    for (Rule rule : Rule.values()) {
      detected.put(rule.name(), rule.scope().name().toLowerCase(Locale.ROOT));
    }
    assertThat(catalogDefault).isEqualTo(detected);
  }

  @Test
  void everyRuleAndAnyRuleTravelFromTheCatalogToTheTopologyWithEveryField() throws Exception {
    Map<String, String> known = Suppression.knownRules(List.of(Suppression.SECURITY_PRODUCT_RULES.split(",")));
    List<Rule> rules = new java.util.ArrayList<>(Arrays.asList(Rule.values()));
    rules.add(null); // any rule
    for (Rule rule : rules) {
      String caseKey = rule == null || rule.scope() == Rule.CaseScope.DOMAIN ? "domain:shop.example"
          : "account:acct-42";
      Instant until = FROM.plus(Duration.ofDays(30)); // the longest window governance lets through
      Suppression proposed = Suppression.parse(rule == null ? "*" : rule.name(), caseKey, FROM.toString(),
          until.toString(), "planned registrar migration", known);
      ChangeRequestId change = ChangeRequestId.random();

      byte[] published = proposed.toTopicRecord(change);
      SuppressionRule read = SuppressionRule.fromJson(published).orElseThrow(
          () -> new AssertionError("the topology drops what the catalog publishes: " + new String(published,
              StandardCharsets.UTF_8)));

      assertThat(read).isEqualTo(new SuppressionRule(change.toString(), rule, caseKey, FROM, until, change.toString()));
      // the product's own writer (its tests, replays) writes the very shape governance publishes
      assertThat(JSON.readTree(read.toJson())).isEqualTo(JSON.readTree(published));
    }
  }

  @Test
  void aWindowOverThirtyDaysIsRefusedByTheCatalogAndSuppressesNothingInTheTopology() {
    Map<String, String> known = Suppression.knownRules(List.of(Suppression.SECURITY_PRODUCT_RULES.split(",")));
    Instant tooLate = FROM.plus(Duration.ofDays(30)).plusSeconds(1);
    assertThatThrownBy(() -> Suppression.parse(Rule.UNLOCK_THEN_TRANSFER.name(), "domain:a.example", FROM.toString(),
        tooLate.toString(), "too long", known))
        .isInstanceOf(WorkflowException.class).hasMessageContaining("/until");

    String forged = "{\"id\":\"x\",\"rule\":\"UNLOCK_THEN_TRANSFER\",\"caseKey\":\"domain:a.example\",\"from\":\"" + FROM
        + "\",\"until\":\"" + tooLate + "\",\"changeRequestId\":\"x\"}";
    assertThat(SuppressionRule.fromJson(forged.getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void aRuleTheTopologyDoesNotKnowIsRefusedByTheCatalogAndSuppressesNothingInTheTopology() {
    Map<String, String> known = Suppression.knownRules(List.of(Suppression.SECURITY_PRODUCT_RULES.split(",")));
    assertThatThrownBy(() -> Suppression.parse("NO_SUCH_RULE", "domain:a.example", FROM.toString(),
        FROM.plusSeconds(60).toString(), "unknown", known))
        .isInstanceOf(WorkflowException.class).hasMessageContaining("/rule");

    String forged = "{\"id\":\"x\",\"rule\":\"NO_SUCH_RULE\",\"caseKey\":\"domain:a.example\",\"from\":\"" + FROM
        + "\",\"until\":\"" + FROM.plusSeconds(60) + "\",\"changeRequestId\":\"x\"}";
    assertThat(SuppressionRule.fromJson(forged.getBytes(StandardCharsets.UTF_8))).isEmpty();
  }
}

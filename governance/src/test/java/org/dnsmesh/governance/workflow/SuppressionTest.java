package org.dnsmesh.governance.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every field of a proposed suppression is checked, and the message names the field. */
class SuppressionTest {
  static final Map<String, String> RULES = Map.of("DELEGATION_OUTSIDE_WINDOW", "domain", "CONTROL_SURFACE_CHURN", "account");

  private static Suppression parse(String rule, String key, String from, String until, String reason) {
    return Suppression.parse(rule, key, from, until, reason, RULES);
  }

  @Test
  void aValidSuppressionOfThirtyDaysExactly() {
    Suppression s = parse("*", "account:acct-7", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", " migration ");
    assertThat(s.rule()).isEmpty();
    assertThat(s.reason()).isEqualTo("migration");
    assertThat(s.window()).isEqualTo("2026-11-01T00:00:00Z/2026-12-01T00:00:00Z");
    assertThat(s.expired(Instant.parse("2026-11-30T23:59:59Z"))).isFalse();
    assertThat(s.expired(Instant.parse("2026-12-01T00:00:00Z"))).as("until is exclusive").isTrue();
    assertThat(new String(s.toTopicRecord(ChangeRequestId.parse("00000000-0000-0000-0000-000000000001"))))
        .isEqualTo("{\"id\":\"00000000-0000-0000-0000-000000000001\",\"rule\":null,\"caseKey\":\"account:acct-7\","
            + "\"from\":\"2026-11-01T00:00:00Z\",\"until\":\"2026-12-01T00:00:00Z\","
            + "\"changeRequestId\":\"00000000-0000-0000-0000-000000000001\"}");
    // revoked: the same record with revokedAt last (what the topology's SuppressionRule reads)
    assertThat(new String(s.toTopicRecord(ChangeRequestId.parse("00000000-0000-0000-0000-000000000001"),
        Instant.parse("2026-11-20T08:30:00.125Z"))))
        .isEqualTo("{\"id\":\"00000000-0000-0000-0000-000000000001\",\"rule\":null,\"caseKey\":\"account:acct-7\","
            + "\"from\":\"2026-11-01T00:00:00Z\",\"until\":\"2026-12-01T00:00:00Z\","
            + "\"changeRequestId\":\"00000000-0000-0000-0000-000000000001\",\"revokedAt\":\"2026-11-20T08:30:00.125Z\"}");
  }

  @Test
  void eachWrongFieldIsNamed() {
    assertThatThrownBy(() -> parse("NO_SUCH_RULE", "domain:a.com", "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", "r"))
        .hasMessageContaining("/rule 'NO_SUCH_RULE' is not a detection rule");
    assertThatThrownBy(() -> parse(null, "host:a.com", "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", "r"))
        .hasMessageContaining("/caseKey 'host:a.com' is not a case key");
    assertThatThrownBy(() -> parse("CONTROL_SURFACE_CHURN", "domain:a.com", "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", "r"))
        .hasMessageContaining("/caseKey rule CONTROL_SURFACE_CHURN bundles findings per account");
    assertThatThrownBy(() -> parse(null, "domain:a.com", "yesterday", "2026-11-02T00:00:00Z", "r"))
        .hasMessageContaining("/from 'yesterday' is not an ISO-8601 instant");
    assertThatThrownBy(() -> parse(null, "domain:a.com", "2026-11-02T00:00:00Z", "2026-11-01T00:00:00Z", "r"))
        .hasMessageContaining("/until 2026-11-01T00:00:00Z is not after /from");
    assertThatThrownBy(() -> parse(null, "domain:a.com", "2026-11-01T00:00:00Z", "2026-12-01T00:00:01Z", "r"))
        .hasMessageContaining("/until").hasMessageContaining("at most 30 days");
    assertThatThrownBy(() -> parse(null, "domain:a.com", "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", " "))
        .hasMessageContaining("/reason is required");
    assertThatThrownBy(() -> parse(null, "domain:a.com", "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", "x".repeat(2001)))
        .hasMessageContaining("/reason has 2001 characters");
  }
}

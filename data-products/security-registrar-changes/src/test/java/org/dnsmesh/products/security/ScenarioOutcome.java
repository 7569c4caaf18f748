package org.dnsmesh.products.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the topology produced for a {@link SecurityScenario}, and the assertions every scenario test makes (the test
 * driver and the real broker alike): each attack's finding with its severity, one case per incident, no high finding
 * on benign traffic, the suppressed finding recorded but not alerted, counts reconciled, no clear identifier.
 */
record ScenarioOutcome(List<Finding> detections, List<Finding> alerts, long canonical, long deadLettered,
    List<String> deadLetterReasons, List<byte[]> canonicalBytes) {

  void assertMatches(SecurityScenario scenario) {
    // counts reconcile: every raw record is canonical or dead-lettered, with a reason
    assertThat(canonical + deadLettered).isEqualTo(scenario.raw.size());
    assertThat(deadLettered).isEqualTo(scenario.invalid);
    assertThat(deadLetterReasons).hasSize(scenario.invalid).allMatch(reason -> !reason.isBlank());

    // no finding twice
    assertThat(detections).extracting(Finding::findingId).doesNotHaveDuplicates();
    assertThat(alerts).extracting(Finding::findingId).doesNotHaveDuplicates();

    // each attack: exactly its finding, with the expected severity, and one case
    for (SecurityScenario.Expected expected : scenario.expected) {
      List<Finding> onKey = detections.stream().filter(f -> f.caseKey().equals(expected.caseKey())
          && f.rule() == expected.rule()).toList();
      assertThat(onKey).as(expected.toString()).hasSize(1);
      assertThat(onKey.getFirst().severity()).as(expected.toString()).isEqualTo(expected.severity());
      assertThat(onKey.getFirst().isSuppressed()).isFalse();
      assertThat(alerts).as("alerted: " + expected).anyMatch(a -> a.findingId().equals(onKey.getFirst().findingId()));
      Set<String> cases = detections.stream().filter(f -> f.caseKey().equals(expected.caseKey())
          && f.eventTsMillis() >= SecurityScenario.MONTH.plusSeconds(30L * 86_400).toEpochMilli())
          .map(Finding::caseId).collect(Collectors.toSet());
      assertThat(cases).as("one case for " + expected.caseKey()).hasSize(1);
    }

    // benign month: no high finding anywhere before the attacks, nor on a benign domain at all
    long attacksStart = SecurityScenario.MONTH.plusSeconds(30L * 86_400).toEpochMilli();
    assertThat(detections).filteredOn(f -> f.eventTsMillis() < attacksStart)
        .noneMatch(f -> f.severity() == Severity.HIGH);
    assertThat(detections).filteredOn(f -> scenario.benignDomains.contains(f.domain()))
        .noneMatch(f -> f.severity() == Severity.HIGH);

    // the suppressed finding: recorded, in a case, not alerted
    List<Finding> suppressed = detections.stream().filter(Finding::isSuppressed).toList();
    assertThat(suppressed).hasSize(1);
    assertThat(suppressed.getFirst().suppressedBy()).isEqualTo("SUP-1");
    assertThat(suppressed.getFirst().caseId()).isNotNull();
    assertThat(alerts).noneMatch(a -> a.findingId().equals(suppressed.getFirst().findingId()));

    // pseudonymised at ingest: no actor, contact e-mail, approver or source IP in clear on the canonical topic
    String all = canonicalBytes.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1))
        .collect(Collectors.joining("\n"));
    for (String identifier : Set.copyOf(scenario.clearIdentifiers)) {
      assertThat(all).as("clear identifier on the canonical topic").doesNotContain(identifier);
    }
  }

  /** Findings per rule and severity, for the report. */
  Map<String, Long> summary() {
    return new TreeMap<>(detections.stream().collect(Collectors.groupingBy(f -> f.rule() + "/" + f.severity()
        + (f.isSuppressed() ? "/suppressed" : ""), Collectors.counting())));
  }
}

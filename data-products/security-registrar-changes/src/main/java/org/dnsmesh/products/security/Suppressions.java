package org.dnsmesh.products.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The approved suppressions the topology applies, loaded from a JSON file: {@code [{"id", "rule" (optional),
 * "caseKey", "from", "until", "changeRequestId"}]}. The file is the interface to the governance change-request
 * machine, which writes it when a suppression change is approved; nothing here approves anything.
 */
public record Suppressions(List<SuppressionRule> rules) {
  public Suppressions {
    rules = List.copyOf(rules);
  }

  public static Suppressions none() {
    return new Suppressions(List.of());
  }

  public static Suppressions load(Path file) {
    try {
      JsonNode array = JsonSerde.JSON.readTree(Files.readAllBytes(file));
      List<SuppressionRule> rules = new ArrayList<>();
      for (JsonNode node : array) {
        rules.add(new SuppressionRule(node.path("id").asText(null),
            node.hasNonNull("rule") ? Rule.valueOf(node.get("rule").asText()) : null,
            node.path("caseKey").asText(null), Instant.parse(node.path("from").asText()),
            Instant.parse(node.path("until").asText()), node.path("changeRequestId").asText(null)));
      }
      return new Suppressions(rules);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read suppressions " + file, e);
    }
  }

  public Optional<SuppressionRule> match(Finding finding) {
    return rules.stream().filter(rule -> rule.matches(finding)).findFirst();
  }
}

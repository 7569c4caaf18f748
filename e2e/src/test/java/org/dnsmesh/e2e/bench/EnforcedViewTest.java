package org.dnsmesh.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnforcedViewTest {
  @TempDir
  Path dir;

  @Test
  void takesTheFirstMatchingRuleAndRewritesTheQueryWithItsExpressions() throws Exception {
    Path rules = Files.writeString(dir.resolve("rules.json"), """
        {"tables": [
          {"group": "analysts", "catalog": "na", "privileges": ["SELECT"]},
          {"user": "nora", "catalog": "na", "privileges": ["SELECT"]},
          {"user": "(ana|li)", "catalog": "na", "schema": "resolver", "table": "queries", "privileges": ["SELECT"],
           "filter": "region = 'eu'",
           "columns": [{"name": "client_ip", "mask": "substr(client_ip, 1, 3)"}, {"name": "qname", "mask": "NULL"}]},
          {"user": "ana", "privileges": []}
        ]}
        """);
    EnforcedView view = EnforcedView.of(rules, "ana", "na", "resolver", "queries");
    assertThat(view.filter()).isEqualTo("region = 'eu'");
    assertThat(view.writtenByHand("SELECT count(DISTINCT client_ip), sum(length(client_ip)), count(client_id)"
        + " FROM na.resolver.queries", List.of("client_ip", "client_id")))
        .isEqualTo("SELECT count(DISTINCT (substr(client_ip, 1, 3))), sum(length((substr(client_ip, 1, 3)))),"
            + " count(client_id) FROM na.resolver.queries WHERE (region = 'eu')");
    assertThat(EnforcedView.of(rules, "ana", "eu", "x", "y").masks()).as("the catch-all rule").isEmpty();
  }
}

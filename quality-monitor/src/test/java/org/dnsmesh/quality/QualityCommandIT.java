package org.dnsmesh.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dnsmesh.quality.cli.QualityCommand;
import org.dnsmesh.quality.model.CheckKey;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.store.JdbcHistoryStore;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class QualityCommandIT {
  @Test
  void statusAndHistoryReadTheStore() {
    String product = "cli-" + UUID.randomUUID();
    Instant now = Instant.now();
    CheckKey key = CheckKey.of(product, "dns.queries", "freshness");
    new JdbcHistoryStore(TestDatabase.migrated()).record(List.of(
        new CheckResult(key, CheckStatus.OK, "fresh", Map.of(), List.of(), now.minus(Duration.ofHours(2))),
        new CheckResult(key, CheckStatus.BREACHED, "stale", Map.of(), List.of("newest commit too old"),
            now.minus(Duration.ofMinutes(5)))));

    String status = run("--store-url", TestDatabase.URL, "status", product);
    assertThat(status).contains("PRODUCT").contains(product).contains("BREACHED").contains("stale");

    String history = run("--store-url", TestDatabase.URL, "history", product, "dns.queries", "freshness", "--since", "PT3H");
    assertThat(history).contains("OK        fresh").contains("    newest commit too old")
        .contains("SLA compliance: 50.0% of 2 observed interval(s)");
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new QualityCommand());
    command.setOut(new PrintWriter(out));
    command.execute(args);
    return out.toString();
  }
}

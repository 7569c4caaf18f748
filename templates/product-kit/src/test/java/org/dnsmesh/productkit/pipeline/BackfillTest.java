package org.dnsmesh.productkit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.dnsmesh.productkit.normalize.DnsNormalizer;
import org.dnsmesh.productkit.normalize.UnicodeNames;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.pseudonymize.PrivacyPolicy;
import org.dnsmesh.productkit.pseudonymize.PseudonymKey;
import org.dnsmesh.productkit.pseudonymize.Pseudonymizer;
import org.dnsmesh.productkit.source.JsonLinesDnsReader;
import org.dnsmesh.productkit.source.SyntheticDnsGenerator;
import org.dnsmesh.productkit.source.SyntheticProfile;
import org.dnsmesh.productkit.transport.DnsQueryEventSchema;
import org.dnsmesh.productkit.write.CommitProperties;
import org.dnsmesh.productkit.write.KafkaOffsets;
import org.dnsmesh.productkit.write.TableLayout;
import org.dnsmesh.productkit.write.TestCatalogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackfillTest {

  @TempDir Path warehouse;

  @Test
  void replayingTheSameFilesTwiceGivesTheSameTable() throws Exception {
    SyntheticProfile profile = new SyntheticProfile(Instant.parse("2026-01-05T00:00:00Z"), 1_000, 0.02, 0.0, 200, 4,
        2_000, 1.0, 0.02, 0.0, 10, 5);
    StringBuilder file = new StringBuilder();
    new SyntheticDnsGenerator(profile).generate(1_000, e -> file.append(e.original()).append('\n'));
    // the same events twice in the file: backfill dedups by event_id
    String twice = file.toString() + file;
    PrivacyPolicy privacy = new PrivacyPolicy(DnsQueryEventSchema.TREATMENTS, new Pseudonymizer(new DomainKeyRing(
        "na", "k1", Map.of("k1", new PseudonymKey("k1", "backfill-key-0123456".getBytes(StandardCharsets.UTF_8))))));
    PipelineConfig config = PipelineConfig.of("na-resolver-queries", "1.0.0", TableIdentifier.of("na", "queries"),
        new TableLayout(List.of("hour(event_ts)"), List.of()));
    Instant from = Instant.parse("2026-01-05T02:00:00Z");
    Instant to = Instant.parse("2026-01-05T06:00:00Z");
    try (JdbcCatalog catalog = TestCatalogs.jdbc(warehouse)) {
      Backfill backfill = new Backfill(config, catalog, ProductPipelineTest.CODEC, ProductPipelineTest.VALIDATOR);

      BackfillSummary first = backfill.replay(List.of(new JsonLinesDnsReader(new StringReader(twice), "day.json")),
          from, to, new DnsNormalizer(UnicodeNames.DROP), privacy);
      Table table = catalog.loadTable(config.table());
      Set<Object> firstIds = ids(table);
      BackfillSummary second = backfill.replay(List.of(new JsonLinesDnsReader(new StringReader(twice), "day.json")),
          from, to, new DnsNormalizer(UnicodeNames.DROP), privacy);

      assertThat(first.ingest().read()).isEqualTo(2_000);
      assertThat(first.written()).isPositive().isLessThan(1_000);
      assertThat(first.duplicates() + first.ingest().duplicates()).isGreaterThanOrEqualTo(first.written());
      assertThat(firstIds).hasSize((int) first.written());
      assertThat(ids(table)).isEqualTo(firstIds);
      assertThat(second.written()).isEqualTo(first.written());
      assertThat(table.currentSnapshot().summary()).containsEntry("dnsmesh.backfill.range", from + "/" + to)
          .containsEntry(CommitProperties.CONTRACT_VERSION, "1.0.0")
          .doesNotContainKey(CommitProperties.KAFKA_OFFSETS);
      assertThat(KafkaOffsets.committedIn(table)).isEqualTo(KafkaOffsets.none());
    }
  }

  static Set<Object> ids(Table table) throws Exception {
    table.refresh();
    Set<Object> ids = new HashSet<>();
    List<Object> all = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(table).build()) {
      it.forEach(r -> all.add(r.getField("event_id")));
    }
    ids.addAll(all);
    assertThat(all).hasSize(ids.size());
    return ids;
  }
}

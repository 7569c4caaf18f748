package org.dnsmesh.productkit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    String file = dayOfEvents();
    // the same events twice in the file: backfill dedups by event_id
    String twice = file + file;
    PrivacyPolicy privacy = privacy();
    PipelineConfig config = hourlyConfig();
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

  /**
   * A replay of a range the source has no events for empties the range (the source is the truth for it), and rows
   * outside the range stay; an unaligned range is refused before anything is written (it would replace the rows of
   * the whole partitions it cuts through).
   */
  @Test
  void anEmptyReplayEmptiesItsRangeKeepsTheRestAndAnUnalignedRangeIsRefused() throws Exception {
    String file = dayOfEvents();
    PrivacyPolicy privacy = privacy();
    PipelineConfig config = hourlyConfig();
    long from = Instant.parse("2026-01-05T02:00:00Z").toEpochMilli() * 1_000;
    long to = Instant.parse("2026-01-05T06:00:00Z").toEpochMilli() * 1_000;
    try (JdbcCatalog catalog = TestCatalogs.jdbc(warehouse)) {
      Backfill backfill = new Backfill(config, catalog, ProductPipelineTest.CODEC, ProductPipelineTest.VALIDATOR);
      backfill.replay(List.of(new JsonLinesDnsReader(new StringReader(file), "day.json")),
          Instant.parse("2026-01-04T00:00:00Z"), Instant.parse("2026-01-07T00:00:00Z"),
          new DnsNormalizer(UnicodeNames.DROP), privacy);
      Table table = catalog.loadTable(config.table());
      Map<Object, Long> before = timestamps(table);
      long inRange = before.values().stream().filter(ts -> ts >= from && ts < to).count();
      assertThat(inRange).as("the fixture has rows inside and outside the range").isPositive()
          .isLessThan(before.size());
      long snapshot = table.currentSnapshot().snapshotId();

      assertThatThrownBy(() -> backfill.replay(List.of(new JsonLinesDnsReader(new StringReader(""), "empty.json")),
          Instant.parse("2026-01-05T02:30:00Z"), Instant.parse("2026-01-05T06:00:00Z"),
          new DnsNormalizer(UnicodeNames.DROP), privacy))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-01-05T02:30:00Z is inside an hour");
      table.refresh();
      assertThat(table.currentSnapshot().snapshotId()).isEqualTo(snapshot);

      BackfillSummary empty = backfill.replay(List.of(new JsonLinesDnsReader(new StringReader(""), "empty.json")),
          Instant.parse("2026-01-05T02:00:00Z"), Instant.parse("2026-01-05T06:00:00Z"),
          new DnsNormalizer(UnicodeNames.DROP), privacy);
      assertThat(empty.written()).isZero();
      Map<Object, Long> after = timestamps(table);
      Map<Object, Long> expected = new java.util.HashMap<>(before);
      expected.values().removeIf(ts -> ts >= from && ts < to);
      assertThat(after).isEqualTo(expected);
    }
  }

  private static Map<Object, Long> timestamps(Table table) throws Exception {
    table.refresh();
    Map<Object, Long> byId = new java.util.HashMap<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(table).build()) {
      it.forEach(r -> byId.put(r.getField("event_id"), micros(r.getField("event_ts"))));
    }
    return byId;
  }

  private static long micros(Object value) {
    java.time.OffsetDateTime ts = (java.time.OffsetDateTime) value;
    return ts.toEpochSecond() * 1_000_000L + ts.getNano() / 1_000;
  }

  /** 1,000 synthetic resolver events from 2026-01-05T00:00Z, one JSON line each. */
  private static String dayOfEvents() {
    SyntheticProfile profile = new SyntheticProfile(Instant.parse("2026-01-05T00:00:00Z"), 1_000, 0.02, 0.0, 200, 4,
        2_000, 1.0, 0.02, 0.0, 10, 5);
    StringBuilder file = new StringBuilder();
    new SyntheticDnsGenerator(profile).generate(1_000, e -> file.append(e.original()).append('\n'));
    return file.toString();
  }

  private static PrivacyPolicy privacy() {
    return new PrivacyPolicy(DnsQueryEventSchema.TREATMENTS, new Pseudonymizer(new DomainKeyRing(
        "na", "k1", Map.of("k1", new PseudonymKey("k1", "backfill-key-0123456".getBytes(StandardCharsets.UTF_8))))));
  }

  /** The NA product's table, partitioned by hour of {@code event_ts}. */
  private static PipelineConfig hourlyConfig() {
    return PipelineConfig.of("na-resolver-queries", "1.0.0", TableIdentifier.of("na", "queries"),
        new TableLayout(List.of("hour(event_ts)"), List.of()));
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

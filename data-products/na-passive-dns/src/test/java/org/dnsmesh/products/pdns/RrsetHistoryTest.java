package org.dnsmesh.products.pdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.dnsmesh.productkit.write.IcebergSchemas;
import org.dnsmesh.productkit.write.IcebergTableWriter;
import org.dnsmesh.products.support.LocalCatalogs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rrset history on a real Iceberg table (JDBC catalog on PostgreSQL, local files), fed by commits to a raw
 * {@code passive_dns_answers} table whose events arrive out of time order. After every refresh it equals the history
 * computed by plain loops over every event appended so far ({@link RrsetMergeTest#expected}); replays, stale
 * concurrent merges, raw compaction, raw retention and a backfill are each checked against that.
 */
class RrsetHistoryTest {

  @TempDir Path dir;
  JdbcCatalog catalog;
  RrsetHistory history;
  Table raw;

  @BeforeEach
  void tables() {
    catalog = LocalCatalogs.jdbc("dnsmesh_test_pdns_history" + System.getenv().getOrDefault("MESH_TEST_DB_SUFFIX", ""),
        dir.resolve("warehouse"));
    catalog.createNamespace(Namespace.of("na"));
    history = new RrsetHistory(PassiveDns.rrsetContract());
    raw = IcebergTableWriter.createOrLoad(catalog, PassiveDns.contract().table(),
        IcebergSchemas.fromAvro(PassiveDns.contract().avroSchema()), PassiveDns.contract().layout());
  }

  @Test
  void incrementalMergesEqualPlainLoopsOverEveryEventAppended() {
    List<RrsetMergeTest.Event> events = RrsetMergeTest.events(new Random(7), 6_000);
    // out of order: sorted by time, then the commits take the newest quarter first
    List<RrsetMergeTest.Event> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(RrsetMergeTest.Event::ts));
    List<List<RrsetMergeTest.Event>> commits = List.of(sorted.subList(4_500, 6_000), sorted.subList(0, 1_500),
        sorted.subList(3_000, 4_500), sorted.subList(1_500, 3_000));
    List<RrsetMergeTest.Event> appended = new ArrayList<>();

    append(commits.get(0));
    appended.addAll(commits.get(0));
    RrsetHistory.Outcome first = refresh();
    assertThat(first.mode()).as("never computed: built from the whole raw table").isEqualTo("rebuild");
    assertThat(historyText()).isEqualTo(RrsetMergeTest.expected(appended));

    append(commits.get(1));
    append(commits.get(2)); // two raw snapshots merged by one refresh
    appended.addAll(commits.get(1));
    appended.addAll(commits.get(2));
    RrsetHistory.Outcome second = refresh();
    assertThat(second.mode()).isEqualTo("merge");
    assertThat(second.events()).isEqualTo(3_000);
    assertThat(historyText()).isEqualTo(RrsetMergeTest.expected(appended));

    append(commits.get(3));
    appended.addAll(commits.get(3));
    assertThat(refresh().events()).isEqualTo(1_500);
    assertThat(historyText()).isEqualTo(RrsetMergeTest.expected(events));
  }

  @Test
  void replayingARefreshMergesNothingTwice() {
    List<RrsetMergeTest.Event> events = RrsetMergeTest.events(new Random(11), 3_000);
    append(events.subList(0, 1_000));
    refresh();
    append(events.subList(1_000, 3_000));
    refresh();
    Table table = catalog.loadTable(history.id());
    long snapshot = table.currentSnapshot().snapshotId();
    Map<String, String> before = historyText();

    RrsetHistory.Outcome again = refresh(); // a crash after the commit, a second pipeline, mesh up again
    assertThat(again.mode()).isEqualTo("up-to-date");
    table.refresh();
    assertThat(table.currentSnapshot().snapshotId()).as("no commit").isEqualTo(snapshot);
    assertThat(historyText()).isEqualTo(before).isEqualTo(RrsetMergeTest.expected(events));
  }

  @Test
  void aStaleMergeIsRefusedInsteadOfCountingTwice() {
    List<RrsetMergeTest.Event> events = RrsetMergeTest.events(new Random(13), 2_000);
    append(events.subList(0, 1_000));
    refresh();
    Table stale = catalog.loadTable(history.id()); // a second refresher read the table here ...
    append(events.subList(1_000, 2_000));
    refresh(); // ... and the first one merged the new snapshot meanwhile
    Map<String, String> merged = historyText();

    Map<Rrset.Key, Rrset> sameBatch = RrsetObservations.of(events.subList(1_000, 2_000).stream()
        .map(RrsetMergeTest.Event::row).toList());
    assertThatThrownBy(() -> history.merge(stale, sameBatch, Map.of()))
        .isInstanceOfAny(ValidationException.class, CommitFailedException.class);
    assertThat(historyText()).isEqualTo(merged).isEqualTo(RrsetMergeTest.expected(events));
  }

  @Test
  void rawCompactionAndRetentionAddNoEventsAndKeepTheHistory() throws Exception {
    List<RrsetMergeTest.Event> events = RrsetMergeTest.events(new Random(17), 3_000);
    append(events.subList(0, 1_000));
    append(events.subList(1_000, 2_000));
    refresh();
    Map<String, String> expected = RrsetMergeTest.expected(events.subList(0, 2_000));

    // compaction: every raw file rewritten into one (operation replace)
    raw.refresh();
    List<DataFile> old = new ArrayList<>();
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = raw.newScan().planFiles()) {
      tasks.forEach(t -> old.add(t.file()));
    }
    try (CloseableIterable<Record> all = org.apache.iceberg.data.IcebergGenerics.read(raw).build()) {
      all.forEach(r -> rows.add(r.copy()));
    }
    org.apache.iceberg.RewriteFiles rewrite = raw.newRewrite();
    old.forEach(rewrite::deleteFile);
    new IcebergTableWriter(raw).write(rows).forEach(rewrite::addFile);
    rewrite.commit();
    refresh();
    assertThat(historyText()).as("compaction adds no events").isEqualTo(expected);

    // retention: the raw table's files deleted; the history keeps what they showed
    raw.refresh();
    raw.newDelete().deleteFromRowFilter(org.apache.iceberg.expressions.Expressions.alwaysTrue()).commit();
    refresh();
    assertThat(historyText()).as("the history outlives the raw rows").isEqualTo(expected);

    append(events.subList(2_000, 3_000));
    assertThat(refresh().events()).isEqualTo(1_000);
    assertThat(historyText()).isEqualTo(RrsetMergeTest.expected(events));
  }

  @Test
  void aBackfillRebuildsFromTheRawTable() {
    List<RrsetMergeTest.Event> events = RrsetMergeTest.events(new Random(19), 2_000);
    append(events);
    refresh();
    // a backfill replaces the raw partitions (all one day here) with half the events
    List<RrsetMergeTest.Event> kept = events.subList(0, 1_000);
    IcebergTableWriter writer = new IcebergTableWriter(raw);
    writer.replacePartitions(writer.write(records(kept, 0)), Map.of());
    RrsetHistory.Outcome outcome = refresh();
    assertThat(outcome.mode()).isEqualTo("rebuild");
    assertThat(historyText()).isEqualTo(RrsetMergeTest.expected(kept));
  }

  private RrsetHistory.Outcome refresh() {
    raw.refresh();
    return history.refresh(catalog, raw, Map.of("dnsmesh.product", "na-passive-dns"));
  }

  private int nextId;

  private void append(List<RrsetMergeTest.Event> events) {
    raw.refresh();
    IcebergTableWriter writer = new IcebergTableWriter(raw);
    writer.commit(writer.write(records(events, nextId)), Map.of());
    nextId += events.size();
  }

  private List<Record> records(List<RrsetMergeTest.Event> events, int firstId) {
    List<Record> records = new ArrayList<>();
    int id = firstId;
    for (RrsetMergeTest.Event e : events) {
      GenericRecord r = GenericRecord.create(raw.schema());
      r.setField("event_id", String.format("%032x", id++));
      r.setField("event_ts", e.ts().atOffset(ZoneOffset.UTC));
      r.setField("client_id", "c");
      r.setField("client_id_key_id", "k1");
      r.setField("query_name", e.name());
      r.setField("answers", e.rdata());
      r.setField("answer_types", e.types());
      r.setField("ttls", e.ttls());
      records.add(r);
    }
    return records;
  }

  private Map<String, String> historyText() {
    Map<Rrset.Key, Rrset> rows = new LinkedHashMap<>();
    for (Rrset r : RrsetHistory.read(catalog.loadTable(history.id()))) {
      assertThat(rows.put(r.key(), r)).as("one row per key: " + r.key()).isNull();
    }
    return RrsetMergeTest.text(rows);
  }
}

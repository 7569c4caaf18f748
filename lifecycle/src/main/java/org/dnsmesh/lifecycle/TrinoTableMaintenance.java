package org.dnsmesh.lifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Retention on one table through Trino's Iceberg connector, as the principal the connections carry (so Trino's access
 * rules decide: DELETE needs the table's delete privilege, {@code ALTER TABLE EXECUTE} its ownership).
 * <ol>
 *   <li>{@code DELETE FROM t WHERE time_column < cutoff}: with the cutoff on a partition boundary Trino drops whole
 *       partitions from metadata; otherwise it writes row-level (position) deletes;</li>
 *   <li>{@code EXECUTE expire_snapshots}: snapshots older than the contract's time-travel window go, and with them
 *       the files only they referenced (the deleted rows' files stay readable by time travel until then);</li>
 *   <li>{@code EXECUTE remove_orphan_files}: files no snapshot references, older than the orphan age (files of
 *       writes still in flight are younger: the age is what keeps live ingestion safe).</li>
 * </ol>
 * A dry run only counts. Counts come from the table itself before and after.
 */
public final class TrinoTableMaintenance {
  /** Iceberg's and Trino's default: an uncommitted file younger than this may belong to a write in progress. */
  public static final Duration DEFAULT_ORPHAN_AGE = Duration.ofDays(7);

  private static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]*");
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
      .withZone(ZoneOffset.UTC);

  private final TrinoConnections connections;
  private final Duration orphanAge;

  public TrinoTableMaintenance(TrinoConnections connections, Duration orphanAge) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.orphanAge = Objects.requireNonNull(orphanAge, "orphanAge");
  }

  /** What a run would do now (counts only, nothing changes). */
  public TableReport status(TableRetention retention, Instant now) throws SQLException {
    return apply(retention, now, true);
  }

  /** Deletes expired rows, expires snapshots, removes orphan files; or, with {@code dryRun}, only counts. */
  public TableReport apply(TableRetention retention, Instant now, boolean dryRun) throws SQLException {
    TrinoTable table = retention.table();
    Instant cutoff = retention.cutoff(now);
    Instant snapshotCutoff = retention.snapshotCutoff(now);
    try (Connection trino = connections.open()) {
      String predicate = quote(retention.timeColumn()) + " < " + literal(trino, table, retention.timeColumn(), cutoff);
      long rowsBefore = count(trino, "SELECT count(*) FROM " + table.sql());
      long expired = count(trino, "SELECT count(*) FROM " + table.sql() + " WHERE " + predicate);
      long snapshotsBefore = count(trino, "SELECT count(*) FROM " + table.metadataTable("snapshots"));
      long expirable = count(trino, "SELECT count(*) FROM " + table.metadataTable("snapshots")
          + " WHERE committed_at < from_iso8601_timestamp('" + snapshotCutoff + "')");
      long filesBefore = count(trino, "SELECT count(*) FROM " + table.metadataTable("files"));
      if (dryRun) {
        return new TableReport(table, retention.rule(), retention.contractVersion(), cutoff, snapshotCutoff, true,
            rowsBefore, expired, rowsBefore, snapshotsBefore, expirable, snapshotsBefore, filesBefore, filesBefore, 0);
      }
      if (expired > 0) {
        try (Statement statement = trino.createStatement()) {
          statement.executeUpdate("DELETE FROM " + table.sql() + " WHERE " + predicate);
        }
      }
      Duration keep = Duration.between(snapshotCutoff, now);
      execute(trino, "ALTER TABLE " + table.sql() + " EXECUTE expire_snapshots(retention_threshold => '"
          + keep.toSeconds() + "s')");
      Map<String, Long> orphanMetrics = execute(trino, "ALTER TABLE " + table.sql()
          + " EXECUTE remove_orphan_files(retention_threshold => '" + orphanAge.toSeconds() + "s')");
      long rowsAfter = count(trino, "SELECT count(*) FROM " + table.sql());
      long snapshotsAfter = count(trino, "SELECT count(*) FROM " + table.metadataTable("snapshots"));
      long filesAfter = count(trino, "SELECT count(*) FROM " + table.metadataTable("files"));
      long orphans = orphanMetrics.getOrDefault("deleted_files_count", -1L);
      return new TableReport(table, retention.rule(), retention.contractVersion(), cutoff, snapshotCutoff, false,
          rowsBefore, expired, rowsAfter, snapshotsBefore, expirable, snapshotsAfter, filesBefore, filesAfter, orphans);
    }
  }

  /**
   * Compaction: {@code EXECUTE optimize} rewrites data files smaller than {@code smallFileThreshold} (a Trino data
   * size, e.g. {@code 128MB}) into files of the table's target size, then {@code EXECUTE optimize_manifests} rewrites
   * the manifests. Both commit as Iceberg rewrites: an append committed meanwhile (a pipeline) does not conflict with
   * them (Iceberg retries the commit on top of it), so nothing written concurrently is lost.
   */
  public CompactionReport compact(TrinoTable table, String smallFileThreshold) throws SQLException {
    if (!smallFileThreshold.matches("[0-9]+(\\.[0-9]+)?[kKmMgG]?B")) {
      throw new IllegalArgumentException("Invalid file size '" + smallFileThreshold + "': e.g. 128MB");
    }
    try (Connection trino = connections.open()) {
      long rowsBefore = count(trino, "SELECT count(*) FROM " + table.sql());
      long filesBefore = count(trino, "SELECT count(*) FROM " + table.metadataTable("files"));
      long perPartitionBefore = maxFilesPerPartition(trino, table);
      long manifestsBefore = count(trino, "SELECT count(*) FROM " + table.metadataTable("manifests"));
      execute(trino, "ALTER TABLE " + table.sql() + " EXECUTE optimize(file_size_threshold => '"
          + smallFileThreshold + "')");
      execute(trino, "ALTER TABLE " + table.sql() + " EXECUTE optimize_manifests");
      return new CompactionReport(table, rowsBefore, count(trino, "SELECT count(*) FROM " + table.sql()), filesBefore,
          count(trino, "SELECT count(*) FROM " + table.metadataTable("files")), perPartitionBefore,
          maxFilesPerPartition(trino, table), manifestsBefore,
          count(trino, "SELECT count(*) FROM " + table.metadataTable("manifests")));
    }
  }

  private static long maxFilesPerPartition(Connection trino, TrinoTable table) throws SQLException {
    return count(trino, "SELECT coalesce(max(file_count), 0) FROM " + table.metadataTable("partitions"));
  }

  /** The cutoff as a literal of the column's own type, so the predicate stays on the partition column as it is. */
  static String literal(Connection trino, TrinoTable table, String column, Instant cutoff) throws SQLException {
    String type;
    try (PreparedStatement statement = trino.prepareStatement("SELECT data_type FROM " + '"' + table.catalog()
        + "\".information_schema.columns WHERE table_schema = ? AND table_name = ? AND column_name = ?")) {
      statement.setString(1, table.schema());
      statement.setString(2, table.table());
      statement.setString(3, column);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new SQLException("table " + table + " has no column " + column + " (or it is not visible)");
        }
        type = rows.getString(1).toLowerCase(Locale.ROOT);
      }
    }
    return literalOfType(type, cutoff);
  }

  static String literalOfType(String type, Instant cutoff) {
    if (type.startsWith("timestamp") && type.endsWith("with time zone")) {
      return "TIMESTAMP '" + TIMESTAMP.format(cutoff) + " UTC'";
    }
    if (type.startsWith("timestamp")) {
      return "TIMESTAMP '" + TIMESTAMP.format(cutoff) + "'";
    }
    if (type.equals("date")) {
      return "DATE '" + cutoff.atOffset(ZoneOffset.UTC).toLocalDate() + "'";
    }
    throw new IllegalArgumentException("retention column of type " + type + " is not supported (timestamp or date)");
  }

  private static String quote(String column) {
    if (!COLUMN.matcher(column).matches()) {
      throw new IllegalArgumentException("Invalid column name '" + column + "'");
    }
    return '"' + column + '"';
  }

  private static long count(Connection trino, String sql) throws SQLException {
    try (Statement statement = trino.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** Runs a table procedure; the metrics it answers with (a row of counts, or metric_name/metric_value rows), by name. */
  private static Map<String, Long> execute(Connection trino, String sql) throws SQLException {
    Map<String, Long> metrics = new LinkedHashMap<>();
    try (Statement statement = trino.createStatement()) {
      if (statement.execute(sql)) {
        try (ResultSet rows = statement.getResultSet()) {
          int columns = rows.getMetaData().getColumnCount();
          boolean nameValue = columns == 2 && "metric_name".equalsIgnoreCase(rows.getMetaData().getColumnName(1));
          while (rows.next()) {
            if (nameValue) { // newer Trino: one row per metric
              metrics.merge(rows.getString(1).toLowerCase(Locale.ROOT), rows.getLong(2), Long::sum);
              continue;
            }
            for (int i = 1; i <= columns; i++) {
              Object value = rows.getObject(i);
              if (value instanceof Number number) {
                metrics.merge(rows.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT), number.longValue(), Long::sum);
              }
            }
          }
        }
      }
    }
    return metrics;
  }
}

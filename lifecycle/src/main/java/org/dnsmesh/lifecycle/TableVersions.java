package org.dnsmesh.lifecycle;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The versioning report of a table: one line per live snapshot, oldest first, with what the product kit writes into
 * every commit's summary (contract version {@code dnsmesh.contract.version}, run id {@code dnsmesh.lineage.run-id})
 * and Iceberg's own counts. Any of these snapshots can be queried with {@code FOR VERSION AS OF <snapshot>} or
 * {@code FOR TIMESTAMP AS OF <committed_at>} until the lifecycle run expires it. Read from Trino's {@code $snapshots}
 * metadata table, which the access rules give to principals that manage the table with a clear view.
 */
public final class TableVersions {
  /** Snapshot-summary keys of the product kit (templates/product-kit CommitProperties). */
  static final String CONTRACT_VERSION = "dnsmesh.contract.version";
  static final String RUN_ID = "dnsmesh.lineage.run-id";

  private TableVersions() {}

  /** One snapshot; text values are null where the commit did not record them. */
  public record Version(long snapshotId, Long parentId, Instant committedAt, String operation, String contractVersion,
                        String runId, Long totalRecords, Long addedRecords, Long deletedRecords) {
    public Version {
      Objects.requireNonNull(committedAt, "committedAt");
    }
  }

  public static List<Version> of(TrinoConnections connections, TrinoTable table) throws SQLException {
    // element_at: NULL where a commit did not record the key (summary['k'] fails on a missing key)
    String sql = "SELECT snapshot_id, parent_id, to_unixtime(committed_at) * 1000, operation, element_at(summary, '"
        + CONTRACT_VERSION + "'), element_at(summary, '" + RUN_ID + "'), element_at(summary, 'total-records'),"
        + " element_at(summary, 'added-records'), element_at(summary, 'deleted-records') FROM " + table.metadataTable("snapshots") + " ORDER BY committed_at, snapshot_id";
    List<Version> versions = new ArrayList<>();
    try (Connection trino = connections.open(); Statement statement = trino.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        long parent = rows.getLong(2);
        Long parentId = rows.wasNull() ? null : parent;
        versions.add(new Version(rows.getLong(1), parentId, Instant.ofEpochMilli(Math.round(rows.getDouble(3))),
            rows.getString(4), rows.getString(5), rows.getString(6), number(rows.getString(7)),
            number(rows.getString(8)), number(rows.getString(9))));
      }
    }
    return versions;
  }

  private static Long number(String text) {
    return text == null ? null : Long.valueOf(text);
  }
}

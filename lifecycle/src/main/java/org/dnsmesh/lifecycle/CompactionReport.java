package org.dnsmesh.lifecycle;

import java.util.Objects;

/**
 * One compaction of a table: data files and manifests before and after, rows before and after (equal unless someone
 * wrote meanwhile: compaction itself never changes rows), and the largest number of data files in one partition.
 */
public record CompactionReport(TrinoTable table, long rowsBefore, long rowsAfter, long dataFilesBefore,
                               long dataFilesAfter, long maxFilesPerPartitionBefore, long maxFilesPerPartitionAfter,
                               long manifestsBefore, long manifestsAfter) {
  public CompactionReport {
    Objects.requireNonNull(table, "table");
  }
}

package org.dnsmesh.productkit.pipeline;

import java.time.Duration;
import java.util.Objects;
import org.apache.iceberg.catalog.TableIdentifier;
import org.dnsmesh.productkit.write.TableLayout;

/**
 * What one product pipeline writes and how often it commits.
 *
 * @param product product name, e.g. {@code na-resolver-queries} (recorded in every snapshot)
 * @param contractVersion the contract version whose rules this run validates against (recorded in every snapshot)
 * @param table the output table (valid rows)
 * @param quarantineTable the quarantine table (invalid rows, with reason and original bytes)
 * @param layout partitioning and sort order of the output table
 * @param batchRecords commit after this many records at most
 * @param maxBatchAge commit at least this often while records flow
 * @param pollTimeout how long one poll waits for records
 */
public record PipelineConfig(
    String product,
    String contractVersion,
    TableIdentifier table,
    TableIdentifier quarantineTable,
    TableLayout layout,
    int batchRecords,
    Duration maxBatchAge,
    Duration pollTimeout) {

  public PipelineConfig {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(contractVersion, "contractVersion");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(quarantineTable, "quarantineTable");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(maxBatchAge, "maxBatchAge");
    Objects.requireNonNull(pollTimeout, "pollTimeout");
    if (batchRecords < 1) {
      throw new IllegalArgumentException("batchRecords must be >= 1, was " + batchRecords);
    }
  }

  /** Defaults: 100,000-record batches, a commit at least every 10 s, 500 ms polls. */
  public static PipelineConfig of(String product, String contractVersion, TableIdentifier table, TableLayout layout) {
    return new PipelineConfig(product, contractVersion, table,
        TableIdentifier.of(table.namespace(), table.name() + "_quarantine"), layout, 100_000, Duration.ofSeconds(10),
        Duration.ofMillis(500));
  }

  public PipelineConfig withBatchRecords(int records) {
    return new PipelineConfig(product, contractVersion, table, quarantineTable, layout, records, maxBatchAge, pollTimeout);
  }
}

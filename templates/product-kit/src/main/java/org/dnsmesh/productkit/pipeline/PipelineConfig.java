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
 * @param writerThreads threads that write a batch's partitions at once (the batch's own thread included)
 */
public record PipelineConfig(
    String product,
    String contractVersion,
    TableIdentifier table,
    TableIdentifier quarantineTable,
    TableLayout layout,
    int batchRecords,
    Duration maxBatchAge,
    Duration pollTimeout,
    int writerThreads) {

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
    if (writerThreads < 1) {
      throw new IllegalArgumentException("writerThreads must be >= 1, was " + writerThreads);
    }
  }

  /** Records per commit by default: see {@link #of}. */
  public static final int DEFAULT_BATCH_RECORDS = 250_000;

  /**
   * Writer threads by default: one per core, at most 4 (a batch has one file per partition, and a day's batch has a
   * few dozen partitions, the largest a fifth of the rows).
   */
  public static int defaultWriterThreads() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Defaults: up to {@value #DEFAULT_BATCH_RECORDS} records per commit, a commit at least every 10 s, 500 ms polls,
   * {@link #defaultWriterThreads()} writer threads.
   * Each commit closes one Parquet file per partition it touches, and a file's fixed cost (writer setup, page
   * flushes, footer) is what small commits pay over and over: at 100,000 records a commit the pipeline spent ~25%
   * more CPU per event than at 500,000 (the benchmark). A batch is held in memory until it commits (its rows' Avro
   * bytes plus partition and sort key, ~350 B of heap per DNS event) and the next one is built meanwhile, so up to
   * two batches, ~175 MB at 250,000; lower it for small heaps.
   */
  public static PipelineConfig of(String product, String contractVersion, TableIdentifier table, TableLayout layout) {
    return new PipelineConfig(product, contractVersion, table,
        TableIdentifier.of(table.namespace(), table.name() + "_quarantine"), layout, DEFAULT_BATCH_RECORDS,
        Duration.ofSeconds(10), Duration.ofMillis(500), defaultWriterThreads());
  }

  public PipelineConfig withBatchRecords(int records) {
    return new PipelineConfig(product, contractVersion, table, quarantineTable, layout, records, maxBatchAge, pollTimeout,
        writerThreads);
  }

  public PipelineConfig withWriterThreads(int threads) {
    return new PipelineConfig(product, contractVersion, table, quarantineTable, layout, batchRecords, maxBatchAge,
        pollTimeout, threads);
  }
}

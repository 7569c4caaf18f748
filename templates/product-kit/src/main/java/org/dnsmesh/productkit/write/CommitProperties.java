package org.dnsmesh.productkit.write;

/** Snapshot-summary keys the kit writes on every commit, so any snapshot traces to its input, contract and run. */
public final class CommitProperties {

  /** JSON {@code {"<topic>":{"<partition>":<next offset>}}}: everything before these offsets is in the table. */
  public static final String KAFKA_OFFSETS = "dnsmesh.kafka.offsets";
  public static final String CONTRACT_VERSION = "dnsmesh.contract.version";
  public static final String LINEAGE_RUN_ID = "dnsmesh.lineage.run-id";
  public static final String PRODUCT = "dnsmesh.product";
  /** Quarantine commits only: JSON {@code {"<reason class>":<records>}} of the records this commit added. */
  public static final String QUARANTINE_REASONS = "dnsmesh.quarantine.reasons";

  private CommitProperties() {}
}

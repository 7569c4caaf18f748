package org.dnsmesh.productkit.transport;

/** Where encoded events go: a Kafka topic in production, a list in unit tests. */
public interface EventSink extends AutoCloseable {

  /** Sends one encoded event keyed by its normalised query name (so one name's events stay in one partition). */
  void send(String key, byte[] value);

  /**
   * Sends a source record the producer could not turn into an event of the contract (e.g. a required field unset),
   * with why, in the same stream: the pipeline quarantines it in order with the events, so the quarantine table
   * (and the completeness it feeds) sees every contract failure, not only the ones that could be encoded.
   *
   * @param key where it came from ({@code file:line}), the record key of its quarantine row
   * @param original the source record's bytes as read
   * @param reason why, {@code contract: <field>: <what>} for a contract failure
   */
  void reject(String key, byte[] original, String reason);

  /** Blocks until everything sent so far is acknowledged. */
  void flush();

  @Override
  void close();
}

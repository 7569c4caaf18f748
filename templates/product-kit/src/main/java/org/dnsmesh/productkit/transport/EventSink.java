package org.dnsmesh.productkit.transport;

/** Where encoded events go: a Kafka topic in production, a list in unit tests. */
public interface EventSink extends AutoCloseable {

  /** Sends one encoded event keyed by its normalised query name (so one name's events stay in one partition). */
  void send(String key, byte[] value);

  /** Blocks until everything sent so far is acknowledged. */
  void flush();

  @Override
  void close();
}

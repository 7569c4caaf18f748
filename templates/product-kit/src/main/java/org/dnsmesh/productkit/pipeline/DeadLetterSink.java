package org.dnsmesh.productkit.pipeline;

/** Receives invalid records besides the quarantine table (a dead-letter Kafka topic in production). */
public interface DeadLetterSink extends AutoCloseable {

  void send(DeadLetter letter);

  /** Blocks until all sent letters are durable; the pipeline calls it before committing the quarantine table. */
  void flush();

  @Override
  void close();

  /** A sink that keeps nothing (when only the quarantine table is wanted). */
  static DeadLetterSink none() {
    return new DeadLetterSink() {
      @Override
      public void send(DeadLetter letter) {}

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }
}

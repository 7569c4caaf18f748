package org.dnsmesh.productkit.transport;

/** Bytes that are not a readable Avro single-object message (bad header, unknown fingerprint, truncated body). */
public final class UndecodableRecordException extends Exception {

  public UndecodableRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}

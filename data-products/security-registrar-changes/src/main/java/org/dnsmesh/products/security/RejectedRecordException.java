package org.dnsmesh.products.security;

/** A raw record that cannot become a canonical event; the message is the dead-letter reason. */
public final class RejectedRecordException extends RuntimeException {
  public RejectedRecordException(String reason) {
    super(reason);
  }
}

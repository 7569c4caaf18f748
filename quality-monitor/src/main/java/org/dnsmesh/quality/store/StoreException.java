package org.dnsmesh.quality.store;

/** A database operation of the quality store failed; the message says which. */
public final class StoreException extends RuntimeException {
  public StoreException(String what, Throwable cause) {
    super(what + " failed: " + cause.getMessage(), cause);
  }
}

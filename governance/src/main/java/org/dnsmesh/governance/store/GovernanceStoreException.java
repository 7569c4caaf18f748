package org.dnsmesh.governance.store;

/** The governance database failed or holds something it should not. */
public final class GovernanceStoreException extends RuntimeException {
  public GovernanceStoreException(String message, Throwable cause) {
    super(cause == null ? message : message + ": " + cause.getMessage(), cause);
  }
}

package org.dnsmesh.lifecycle;

/** A lifecycle pass that could not be carried out or recorded; the message says which table and why. */
public final class LifecycleException extends RuntimeException {
  public LifecycleException(String message) {
    super(message);
  }

  public LifecycleException(String message, Throwable cause) {
    super(message, cause);
  }
}

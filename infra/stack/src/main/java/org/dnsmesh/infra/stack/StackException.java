package org.dnsmesh.infra.stack;

/** A stack problem with a message meant for the user: it names the cause and the fix. */
public class StackException extends RuntimeException {
  public StackException(String message) {
    super(message);
  }

  public StackException(String message, Throwable cause) {
    super(message, cause);
  }
}

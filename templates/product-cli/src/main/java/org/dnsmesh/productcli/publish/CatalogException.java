package org.dnsmesh.productcli.publish;

/**
 * The catalog answered with an error ({@code status} > 0, message from its {@code {"error": {...}}} body) or could
 * not be reached ({@code status} = 0).
 */
public final class CatalogException extends RuntimeException {
  private final int status;

  public CatalogException(int status, String message) {
    super(message);
    this.status = status;
  }

  public CatalogException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  /** HTTP status, 0 when the catalog was not reached. */
  public int status() {
    return status;
  }

  public boolean unreachable() {
    return status == 0;
  }
}

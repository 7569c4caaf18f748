package org.dnsmesh.catalog.governance;

import jakarta.ws.rs.WebApplicationException;

/** A workflow step that the change's state forbids (illegal transition, stale update): HTTP 409. */
public final class ChangeConflictException extends WebApplicationException {
  public ChangeConflictException(String message) {
    super(message, 409);
  }
}

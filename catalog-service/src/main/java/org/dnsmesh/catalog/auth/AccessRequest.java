package org.dnsmesh.catalog.auth;

import org.dnsmesh.governance.policy.Operation;
import java.util.Objects;

/** Input of one access decision: who, which catalog operation, on what. */
public record AccessRequest(Caller caller, Operation operation, CatalogResource resource) {
  public AccessRequest {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(resource, "resource");
  }

  @Override
  public String toString() {
    return caller.subject() + " " + operation + " " + resource;
  }
}

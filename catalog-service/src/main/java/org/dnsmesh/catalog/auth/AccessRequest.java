package org.dnsmesh.catalog.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * Input of one access decision: who, what operation, in which domain (empty for global operations such
 * as listing domains) and a human-readable resource name for messages and audit.
 */
public record AccessRequest(Caller caller, Operation operation, Optional<String> domain, String resource) {
  public AccessRequest {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(resource, "resource");
  }
}

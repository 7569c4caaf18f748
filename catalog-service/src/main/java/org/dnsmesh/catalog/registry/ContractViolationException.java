package org.dnsmesh.catalog.registry;

/** A commit would break the table's active contract (409). */
public class ContractViolationException extends RuntimeException {
  public ContractViolationException(String message) {
    super(message);
  }
}

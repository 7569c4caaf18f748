package org.dnsmesh.catalog.iceberg;

import org.apache.iceberg.exceptions.NotFoundException;

/** The REST prefix or warehouse names no registered domain (404). */
public class UnknownDomainException extends NotFoundException {
  public UnknownDomainException(String domain) {
    super("No such domain (warehouse): %s", domain);
  }
}

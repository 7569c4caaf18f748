package org.dnsmesh.catalog.auth;

/** What an operation does to the resource it names; the rule set decides on this, not on the verb. */
public enum AccessKind {
  READ,
  WRITE,
  ADMINISTER
}

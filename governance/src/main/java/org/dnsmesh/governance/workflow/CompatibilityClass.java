package org.dnsmesh.governance.workflow;

/**
 * Semver class of a contract change. Stand-in for the contracts toolkit's own enum (fold into it once
 * {@code contracts} is merged; the names match).
 */
public enum CompatibilityClass {
  PATCH,
  MINOR,
  MAJOR
}

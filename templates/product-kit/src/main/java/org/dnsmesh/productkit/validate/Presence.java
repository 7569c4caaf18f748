package org.dnsmesh.productkit.validate;

/** Whether a column must have a value. */
public enum Presence {
  REQUIRED,
  OPTIONAL
}

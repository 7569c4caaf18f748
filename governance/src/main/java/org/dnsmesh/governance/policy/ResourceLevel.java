package org.dnsmesh.governance.policy;

/** Depth of a {@link ResourceRef}; the ordinal is the path length. */
public enum ResourceLevel {
  MESH,
  DOMAIN,
  PRODUCT,
  TABLE
}

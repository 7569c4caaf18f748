package org.dnsmesh.governance.workflow;

/** In which capacity a review counts toward the quorum. */
public enum ReviewerCapacity {
  /** Steward of the product's domain. */
  DOMAIN_STEWARD,
  /** Holder of the global governance role. */
  GOVERNANCE
}

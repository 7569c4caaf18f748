package org.dnsmesh.governance.workflow;

import java.util.List;
import java.util.Objects;

/**
 * What the contracts toolkit says about a proposed version against the previous one: the class, the
 * reasons, and whether any column's classification changed (which always needs governance review).
 * Governance only needs this shape; the catalog service maps the toolkit's diff result onto it.
 */
public record CompatibilityAssessment(CompatibilityClass compatibility, List<String> reasons, boolean classificationChanged) {
  public CompatibilityAssessment {
    Objects.requireNonNull(compatibility, "compatibility");
    reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
  }
}

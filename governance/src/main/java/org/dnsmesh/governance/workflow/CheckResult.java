package org.dnsmesh.governance.workflow;

import java.util.Objects;

/**
 * One automated check run when a change is proposed (ODCS validation, compatibility, policy lint, impact
 * analysis from lineage), stored on the change for reviewers.
 */
public record CheckResult(String name, CheckStatus status, String detail) {
  public CheckResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }

  public enum CheckStatus {
    PASSED,
    WARNING,
    FAILED
  }
}

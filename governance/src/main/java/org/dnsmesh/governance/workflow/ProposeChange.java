package org.dnsmesh.governance.workflow;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A publisher's proposal of a new contract version, with the automated checks the catalog already ran. */
public record ProposeChange(ProductRef product, String proposedVersion, Optional<String> previousVersion, String contractDocument,
                            CompatibilityAssessment assessment, List<CheckResult> checks) {
  public ProposeChange {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(proposedVersion, "proposedVersion");
    previousVersion = previousVersion == null ? Optional.empty() : previousVersion;
    Objects.requireNonNull(contractDocument, "contractDocument");
    Objects.requireNonNull(assessment, "assessment");
    checks = List.copyOf(checks);
  }
}

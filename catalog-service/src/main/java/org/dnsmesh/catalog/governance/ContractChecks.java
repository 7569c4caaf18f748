package org.dnsmesh.catalog.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.iceberg.exceptions.BadRequestException;
import org.dnsmesh.catalog.registry.ContractVersion;
import org.dnsmesh.catalog.registry.Product;
import org.dnsmesh.contracts.ContractValidator;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.Finding;
import org.dnsmesh.contracts.compat.Change;
import org.dnsmesh.contracts.compat.ChangeClass;
import org.dnsmesh.contracts.compat.CompatibilityChecker;
import org.dnsmesh.contracts.compat.CompatibilityReport;
import org.dnsmesh.contracts.compat.VersionBumpCheck;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.contracts.model.SchemaObject;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.workflow.CheckResult;
import org.dnsmesh.governance.workflow.CompatibilityAssessment;
import org.dnsmesh.governance.workflow.CompatibilityClass;
import org.dnsmesh.governance.workflow.PolicyLint;

/**
 * The automated checks of a proposed contract version, run on every submit: ODCS validation (an invalid
 * contract is refused with a 400 naming each finding and its location), compatibility class with reasons
 * against the latest published version (contracts toolkit), the version bump, and policy lint. Impact
 * analysis from lineage is {@link LineageImpact}.
 */
final class ContractChecks {
  static final String VALIDATION = "odcs-validation";
  static final String COMPATIBILITY = "compatibility";
  static final String VERSION = "version-bump";
  private static final int MAX_FINDINGS_SHOWN = 10;

  private ContractChecks() {}

  /** What the checks found: the bound contract, the diff (absent for a first version) and the stored results. */
  record Outcome(DataContract contract, Optional<CompatibilityReport> report, CompatibilityAssessment assessment,
      List<CheckResult> checks) {}

  static Outcome run(String document, String sourceName, Product product, Optional<ContractVersion> previous,
      AccessPolicy policy) {
    if (document == null || document.isBlank()) {
      throw new BadRequestException("Missing body: the proposed ODCS contract (YAML)");
    }
    List<Finding> findings = ContractValidator.validate(document, sourceName);
    List<Finding> errors = findings.stream().filter(Finding::isError).toList();
    if (!errors.isEmpty()) {
      throw new BadRequestException("Invalid contract: %d finding(s): %s", errors.size(), describe(errors));
    }
    DataContract contract = DataContracts.parse(document, sourceName);
    if (contract.domain() != null && !contract.domain().equals(product.domain())) {
      throw new BadRequestException("Invalid contract: %s: domain '%s' is not the product's domain '%s'",
          sourceName, contract.domain(), product.domain());
    }
    if (contract.schema().isEmpty()) {
      throw new BadRequestException("Invalid contract: %s: /schema is empty: a contract needs a schema object", sourceName);
    }
    List<CheckResult> checks = new ArrayList<>();
    List<Finding> warnings = findings.stream().filter(f -> !f.isError()).toList();
    checks.add(warnings.isEmpty()
        ? new CheckResult(VALIDATION, CheckResult.CheckStatus.PASSED, "valid ODCS v3.1 contract (JSON Schema and project rules)")
        : new CheckResult(VALIDATION, CheckResult.CheckStatus.WARNING, describe(warnings)));

    Optional<CompatibilityReport> report = Optional.empty();
    CompatibilityAssessment assessment;
    if (previous.isEmpty()) {
      assessment = new CompatibilityAssessment(CompatibilityClass.MAJOR,
          List.of("first contract version of " + product.domain() + "." + product.name()
              + ": every column's classification is new"), true);
      checks.add(new CheckResult(COMPATIBILITY, CheckResult.CheckStatus.PASSED,
          "first version " + contract.version() + ": reviewed as MAJOR with classification (governance approval needed)"));
    } else {
      DataContract before = DataContracts.parse(previous.get().document(), "published " + previous.get().version());
      CompatibilityReport diff = CompatibilityChecker.diff(before, contract);
      report = Optional.of(diff);
      boolean classificationChanged = diff.changes().stream().anyMatch(c -> c.rule().startsWith("classification"));
      List<String> reasons = diff.changes().stream().map(Change::toString).toList();
      assessment = new CompatibilityAssessment(compatibilityClass(diff.overall()), reasons, classificationChanged);
      checks.add(new CheckResult(COMPATIBILITY, CheckResult.CheckStatus.PASSED,
          diff.overall() + " against " + previous.get().version() + (reasons.isEmpty() ? ": no changes"
              : ": " + String.join("; ", reasons))));
      VersionBumpCheck bump = diff.versionCheck();
      if (!bump.acceptable()) {
        throw new BadRequestException("Invalid contract: %s: /version: %s", sourceName, bump.message());
      }
      checks.add(new CheckResult(VERSION, CheckResult.CheckStatus.PASSED, bump.message()));
    }

    PolicyLint lint = new PolicyLint(policy);
    List<PolicyLint.DeclaredColumn> columns = new ArrayList<>();
    for (SchemaObject object : contract.schema()) {
      columns.addAll(ContractColumns.declared(contract, object));
    }
    checks.add(lint.lint(columns));
    return new Outcome(contract, report, assessment, checks);
  }

  static CompatibilityClass compatibilityClass(ChangeClass changeClass) {
    return switch (changeClass) {
      case NONE, PATCH -> CompatibilityClass.PATCH;
      case MINOR -> CompatibilityClass.MINOR;
      case MAJOR -> CompatibilityClass.MAJOR;
    };
  }

  private static String describe(List<Finding> findings) {
    String shown = findings.stream().limit(MAX_FINDINGS_SHOWN).map(Finding::toString).collect(Collectors.joining("; "));
    return findings.size() > MAX_FINDINGS_SHOWN ? shown + "; ... " + (findings.size() - MAX_FINDINGS_SHOWN) + " more" : shown;
  }
}

package org.dnsmesh.governance.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dnsmesh.governance.decision.EmbeddedPolicyDecisionPoint;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.Classification;
import org.dnsmesh.governance.policy.ColumnInfo;
import org.dnsmesh.governance.policy.MaskFunction;
import org.dnsmesh.governance.policy.MaskingRule;

/**
 * The "policy lint" automated check of a proposed contract: every column classified, every PII column
 * masked by some rule, and a warning where a mask can only give NULL for the column's type.
 */
public final class PolicyLint {
  public static final String CHECK_NAME = "policy-lint";
  private final AccessPolicy policy;

  public PolicyLint(AccessPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** A column as the contract declares it; the classification may be missing, which is what lint catches. */
  public record DeclaredColumn(String name, String type, Optional<Classification> classification, Set<String> tags) {
    public DeclaredColumn {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      classification = classification == null ? Optional.empty() : classification;
      tags = tags == null ? Set.of() : Set.copyOf(tags);
    }
  }

  public CheckResult lint(List<DeclaredColumn> columns) {
    List<String> failures = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (DeclaredColumn declared : columns) {
      if (declared.classification().isEmpty()) {
        failures.add("column " + declared.name() + " has no classification");
        continue;
      }
      ColumnInfo column = new ColumnInfo(declared.name(), declared.type(), declared.classification().get(), declared.tags());
      Optional<MaskingRule> rule = EmbeddedPolicyDecisionPoint.maskingRuleFor(policy, column);
      MaskFunction mask = EmbeddedPolicyDecisionPoint.maskFunctionFor(rule, column);
      if (column.classification() == Classification.PII && (rule.isEmpty() || mask == MaskFunction.NONE)) {
        failures.add("pii column " + column.name() + " has no masking rule");
      }
      boolean text = column.type().toLowerCase(Locale.ROOT).startsWith("varchar");
      if (!text && (mask == MaskFunction.HMAC_TOKEN || mask == MaskFunction.IPV4_PREFIX_24)) {
        warnings.add("column " + column.name() + " (" + column.type() + ") gets " + mask.id() + ", which masks only text: it will be NULL");
      }
    }
    if (!failures.isEmpty()) {
      failures.addAll(warnings);
      return new CheckResult(CHECK_NAME, CheckResult.CheckStatus.FAILED, String.join("; ", failures));
    }
    if (!warnings.isEmpty()) {
      return new CheckResult(CHECK_NAME, CheckResult.CheckStatus.WARNING, String.join("; ", warnings));
    }
    return new CheckResult(CHECK_NAME, CheckResult.CheckStatus.PASSED, columns.size() + " columns classified and masked as policy requires");
  }
}

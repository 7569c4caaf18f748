package org.dnsmesh.governance.decision;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.Classification;
import org.dnsmesh.governance.policy.ColumnInfo;
import org.dnsmesh.governance.policy.Grant;
import org.dnsmesh.governance.policy.MaskExpressions;
import org.dnsmesh.governance.policy.MaskFunction;
import org.dnsmesh.governance.policy.MaskingRule;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.Principal;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.Privilege;
import org.dnsmesh.governance.policy.ResourceLevel;
import org.dnsmesh.governance.policy.ResourcePattern;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.RowFilterRule;
import org.dnsmesh.governance.policy.TableClassification;
import org.dnsmesh.governance.policy.TableClassifications;
import org.dnsmesh.governance.policy.TableRef;

/**
 * Evaluates an {@link AccessPolicy} in process. The semantics here are the specification the Rego bundle
 * and the Trino rules are compiled to (and checked against by the decision-case table).
 */
public final class EmbeddedPolicyDecisionPoint implements PolicyDecisionPoint {
  private final AccessPolicy policy;
  private final TableClassifications tables;
  private final MaskExpressions expressions;
  private final Map<PrincipalName, Principal> principals = new HashMap<>();

  public EmbeddedPolicyDecisionPoint(AccessPolicy policy, TableClassifications tables, MaskExpressions expressions) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.tables = Objects.requireNonNull(tables, "tables");
    this.expressions = Objects.requireNonNull(expressions, "expressions");
    policy.principals().forEach(p -> principals.put(p.name(), p));
  }

  @Override
  public Decision authorize(PrincipalName principalName, Operation operation, ResourceRef resource) {
    Principal principal = principals.get(principalName);
    if (principal == null) {
      return Decision.deny("unknown principal " + principalName);
    }
    if (!operation.appliesTo(resource)) {
      return Decision.deny("operation " + operation.id() + " does not apply to a " + resource.level().name().toLowerCase() + " resource");
    }
    Set<Privilege> privileges = privilegesOn(principal, resource);
    if (!privileges.contains(operation.privilege())) {
      return Decision.deny("no grant of " + operation.privilege().id() + " on " + resource + " to " + principalName);
    }
    return operation.decidedAs() == Operation.READ_TABLE_FILES
        ? fileAccess(principal, resource, privileges)
        : Decision.allow("granted " + operation.privilege().id() + " on " + resource);
  }

  /** {@link Operation#READ_TABLE_FILES}, given read: writers, or readers whose view is neither masked nor filtered. */
  private Decision fileAccess(Principal principal, ResourceRef resource, Set<Privilege> privileges) {
    if (privileges.contains(Privilege.WRITE)) {
      return Decision.allow("granted write on " + resource + ": its producers are handed its files");
    }
    List<String> path = resource.path();
    TableRef table = new TableRef(path.get(0), path.get(1), path.get(2));
    Optional<TableClassification> classification = tables.find(table);
    if (classification.isEmpty()) {
      return Decision.deny("table " + table + " has no classified contract, so masks for " + principal.name()
          + " cannot be ruled out: its files are not handed out; query it through Trino");
    }
    List<String> masked = columnMasks(principal, classification.get()).stream().map(ColumnMask::column).toList();
    List<String> filters = rowFilters(principal, classification.get()).stream().map(RowFilter::expression).toList();
    if (masked.isEmpty() && filters.isEmpty()) {
      return Decision.allow("granted read on " + table + " with no column mask and no row filter");
    }
    return Decision.deny(principal.name() + " reads " + table + (masked.isEmpty() ? "" : " with masked columns " + masked)
        + (filters.isEmpty() ? "" : (masked.isEmpty() ? "" : " and") + " with row filter " + String.join(" AND ", filters))
        + ": masked or filtered data is read only through Trino (which applies them), never from the table's files");
  }

  @Override
  public TableAccess tableAccess(PrincipalName principalName, TableRef table) {
    Principal principal = principals.get(principalName);
    if (principal == null) {
      return TableAccess.denied(Decision.deny("unknown principal " + principalName));
    }
    Optional<TableClassification> classification = tables.find(table);
    if (classification.isEmpty()) {
      return TableAccess.denied(Decision.deny("unknown table " + table + " (no classified contract)"));
    }
    ResourceRef resource = table.toResource();
    Set<Privilege> privileges = privilegesOn(principal, resource);
    if (privileges.stream().allMatch(p -> p == Privilege.DISCOVER)) {
      return TableAccess.denied(Decision.deny("no grant on table " + table + " to " + principalName));
    }
    return new TableAccess(Decision.allow("granted " + privileges + " on " + table), privileges,
        columnMasks(principal, classification.get()), rowFilters(principal, classification.get()));
  }

  /** Privileges of a principal on any resource (empty for an unknown principal); used by the compilers. */
  public Set<Privilege> privilegesOn(PrincipalName principalName, ResourceRef resource) {
    Principal principal = principals.get(principalName);
    return principal == null ? Set.of() : privilegesOn(principal, resource);
  }

  /** Union of the grants matching the principal; any privilege implies DISCOVER up the tree. */
  Set<Privilege> privilegesOn(Principal principal, ResourceRef resource) {
    Set<Privilege> privileges = EnumSet.noneOf(Privilege.class);
    if (resource.level() == ResourceLevel.MESH) {
      privileges.add(Privilege.DISCOVER); // every known principal may list the domains
    }
    for (Grant grant : policy.grants()) {
      if (!grant.subject().matches(principal, resource)) {
        continue;
      }
      for (ResourcePattern pattern : grant.resources()) {
        if (pattern.covers(resource)) {
          privileges.addAll(grant.privileges());
          privileges.add(Privilege.DISCOVER);
        } else if (pattern.reachesBelow(resource)) {
          privileges.add(Privilege.DISCOVER);
        }
      }
    }
    return privileges;
  }

  private List<ColumnMask> columnMasks(Principal principal, TableClassification table) {
    ResourceRef resource = table.table().toResource();
    List<ColumnMask> masks = new ArrayList<>();
    for (ColumnInfo column : table.columns()) {
      Optional<MaskingRule> rule = maskingRuleFor(policy, column);
      MaskFunction function = maskFunctionFor(rule, column);
      if (function == MaskFunction.NONE) {
        continue;
      }
      boolean clear = rule.map(r -> r.clearFor().stream().anyMatch(s -> s.matches(principal, resource))).orElse(false);
      if (!clear) {
        masks.add(new ColumnMask(column.name(), function, expressions.render(function, column)));
      }
    }
    return masks;
  }

  private List<RowFilter> rowFilters(Principal principal, TableClassification table) {
    ResourceRef resource = table.table().toResource();
    List<RowFilter> filters = new ArrayList<>();
    Optional<String> region = policy.regionOf(table.table().domain());
    for (RowFilterRule rule : policy.rowFilters()) {
      if (rule.subject().matches(principal, resource) && rule.appliesTo(resource)) {
        principal.attribute(rule.attribute())
            .flatMap(value -> rule.predicateFor(table, region, value))
            .ifPresent(predicate -> filters.add(new RowFilter(predicate)));
      }
    }
    return filters;
  }

  /** The first masking rule matching the column, as the policy file orders them. */
  public static Optional<MaskingRule> maskingRuleFor(AccessPolicy policy, ColumnInfo column) {
    return policy.masking().stream().filter(rule -> rule.matches(column)).findFirst();
  }

  /** The rule's mask; without a rule, public columns stay clear and everything else is nulled (fail closed). */
  public static MaskFunction maskFunctionFor(Optional<MaskingRule> rule, ColumnInfo column) {
    return rule.map(MaskingRule::mask)
        .orElse(column.classification() == Classification.PUBLIC ? MaskFunction.NONE : MaskFunction.NULLIFY);
  }
}

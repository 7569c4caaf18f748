package org.dnsmesh.catalog.governance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dnsmesh.governance.decision.EmbeddedPolicyDecisionPoint;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.MaskExpressions;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.Principal;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.StaticTableClassifications;
import org.dnsmesh.governance.policy.TableRef;

/**
 * What a policy change changes, for reviewers: principals, domains, grants, masking rules and row filters
 * added/removed/changed, and the decision-level impact on reads: which principal gains or loses
 * {@code read-table} on which known table (the classified tables Trino's rules cover), evaluated with both
 * policies by the embedded decision point.
 */
public record PolicyDiff(List<String> domainsAdded, List<String> domainsRemoved, List<String> principalsAdded,
    List<String> principalsRemoved, List<String> principalsChanged, List<String> grantsAdded, List<String> grantsRemoved,
    List<String> maskingAdded, List<String> maskingRemoved, List<String> rowFiltersAdded, List<String> rowFiltersRemoved,
    List<String> readGained, List<String> readLost) {

  static PolicyDiff between(AccessPolicy before, AccessPolicy after, Collection<TableRef> tables) {
    Map<PrincipalName, Principal> old = before.principals().stream().collect(Collectors.toMap(Principal::name, Function.identity()));
    Map<PrincipalName, Principal> now = after.principals().stream().collect(Collectors.toMap(Principal::name, Function.identity()));
    List<String> changed = now.keySet().stream().filter(old::containsKey).filter(n -> !old.get(n).equals(now.get(n)))
        .map(PrincipalName::value).sorted().toList();
    List<String> gained = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    EmbeddedPolicyDecisionPoint was = decisions(before);
    EmbeddedPolicyDecisionPoint will = decisions(after);
    Set<PrincipalName> everyone = new TreeSet<>(java.util.Comparator.comparing(PrincipalName::value));
    everyone.addAll(old.keySet());
    everyone.addAll(now.keySet());
    List<TableRef> sorted = tables.stream().sorted(java.util.Comparator.comparing(TableRef::toString)).toList();
    for (PrincipalName principal : everyone) {
      for (TableRef table : sorted) {
        boolean before1 = was.authorize(principal, Operation.READ_TABLE, table.toResource()).allowed();
        boolean after1 = will.authorize(principal, Operation.READ_TABLE, table.toResource()).allowed();
        if (after1 && !before1) {
          gained.add(principal.value() + " on " + table);
        } else if (before1 && !after1) {
          lost.add(principal.value() + " on " + table);
        }
      }
    }
    return new PolicyDiff(added(before.domains(), after.domains()), added(after.domains(), before.domains()),
        added(old.keySet(), now.keySet()), added(now.keySet(), old.keySet()), changed,
        added(before.grants(), after.grants()), added(after.grants(), before.grants()),
        added(before.masking(), after.masking()), added(after.masking(), before.masking()),
        added(before.rowFilters(), after.rowFilters()), added(after.rowFilters(), before.rowFilters()), gained, lost);
  }

  /** One line per kind of change, empty kinds left out. */
  String describe() {
    List<String> parts = new ArrayList<>();
    part(parts, "domains added", domainsAdded);
    part(parts, "domains removed", domainsRemoved);
    part(parts, "principals added", principalsAdded);
    part(parts, "principals removed", principalsRemoved);
    part(parts, "principals changed", principalsChanged);
    part(parts, "grants added", grantsAdded);
    part(parts, "grants removed", grantsRemoved);
    part(parts, "masking rules added", maskingAdded);
    part(parts, "masking rules removed", maskingRemoved);
    part(parts, "row filters added", rowFiltersAdded);
    part(parts, "row filters removed", rowFiltersRemoved);
    return parts.isEmpty() ? "no change to domains, principals, grants, masking or row filters" : String.join("; ", parts);
  }

  String describeImpact() {
    if (readGained.isEmpty() && readLost.isEmpty()) {
      return "no principal gains or loses read on a known table";
    }
    List<String> parts = new ArrayList<>();
    part(parts, "gain read", readGained);
    part(parts, "lose read", readLost);
    return String.join("; ", parts);
  }

  private static void part(List<String> parts, String label, List<String> items) {
    if (!items.isEmpty()) {
      parts.add(label + " (" + items.size() + "): " + String.join(", ", items));
    }
  }

  /** Items of {@code after} not in {@code before}, rendered (records render all their fields). */
  private static <T> List<String> added(Collection<T> before, Collection<T> after) {
    Set<T> old = new LinkedHashSet<>(before);
    return after.stream().filter(item -> !old.contains(item)).map(PolicyDiff::render).toList();
  }

  private static String render(Object item) {
    return item instanceof PrincipalName name ? name.value() : String.valueOf(item);
  }

  private static EmbeddedPolicyDecisionPoint decisions(AccessPolicy policy) {
    return GovernanceChanges.decisionPoint(policy);
  }
}

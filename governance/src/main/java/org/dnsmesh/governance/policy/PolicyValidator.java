package org.dnsmesh.governance.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Cross-reference checks a single record cannot do: unknown domains and principals, duplicates. */
final class PolicyValidator {
  private PolicyValidator() {}

  static void validate(AccessPolicy policy, String source) {
    List<PolicyFileException.Problem> problems = new ArrayList<>();
    Set<DomainName> domains = new HashSet<>();
    for (int i = 0; i < policy.domains().size(); i++) {
      if (!domains.add(policy.domains().get(i))) {
        problems.add(problem("domains[" + i + "]", "duplicate domain '" + policy.domains().get(i) + "'"));
      }
      if (policy.domains().get(i).value().equals(MaskExpressions.MASKING_CATALOG)) {
        problems.add(problem("domains[" + i + "]", "domain '" + MaskExpressions.MASKING_CATALOG + "' is reserved (the"
            + " Trino catalog of the masking function, the prefix of the mesh's own Kafka topics)"));
      }
    }
    policy.regions().forEach((domain, region) -> {
      if (domains.stream().noneMatch(d -> d.value().equals(domain))) {
        problems.add(problem("regions." + domain, "unknown domain '" + domain + "' (not listed under 'domains')"));
      }
      if (region == null || !RowFilterRule.IDENTIFIER.matcher(region).matches()) {
        problems.add(problem("regions." + domain, "region '" + region + "' must match " + RowFilterRule.IDENTIFIER.pattern()));
      }
    });
    Set<PrincipalName> principals = new HashSet<>();
    java.util.Map<String, PrincipalName> idpGroups = new java.util.HashMap<>();
    for (int i = 0; i < policy.principals().size(); i++) {
      Principal principal = policy.principals().get(i);
      for (int g = 0; g < principal.idpGroups().size(); g++) {
        PrincipalName owner = idpGroups.putIfAbsent(principal.idpGroups().get(g), principal.name());
        if (owner != null) {
          problems.add(problem("principals[" + i + "].idpGroups[" + g + "]", "identity-provider group '"
              + principal.idpGroups().get(g) + "' already maps to principal '" + owner + "'"));
        }
      }
      String reserved = ReservedPrincipals.WHY.get(principal.name().value());
      if (reserved != null) {
        problems.add(problem("principals[" + i + "].name", "principal '" + principal.name() + "' is reserved: "
            + reserved));
      }
      if (!principals.add(principal.name())) {
        problems.add(problem("principals[" + i + "].name", "duplicate principal '" + principal.name() + "'"));
      }
      for (int j = 0; j < principal.roles().size(); j++) {
        RoleBinding binding = principal.roles().get(j);
        if (binding.domain().isPresent() && !domains.contains(binding.domain().get())) {
          problems.add(problem("principals[" + i + "].roles[" + j + "].domain", unknownDomain(binding.domain().get())));
        }
      }
    }
    for (int i = 0; i < policy.grants().size(); i++) {
      Grant grant = policy.grants().get(i);
      checkSubject(grant.subject(), "grants[" + i + "].to", domains, principals, problems);
      checkPatterns(grant.resources(), "grants[" + i + "].on", domains, problems);
    }
    for (int i = 0; i < policy.masking().size(); i++) {
      List<SubjectSelector> clearFor = policy.masking().get(i).clearFor();
      for (int j = 0; j < clearFor.size(); j++) {
        checkSubject(clearFor.get(j), "masking[" + i + "].clearFor[" + j + "]", domains, principals, problems);
      }
    }
    for (int i = 0; i < policy.rowFilters().size(); i++) {
      RowFilterRule rule = policy.rowFilters().get(i);
      checkSubject(rule.subject(), "rowFilters[" + i + "].to", domains, principals, problems);
      checkPatterns(rule.resources(), "rowFilters[" + i + "].on", domains, problems);
      checkPatterns(rule.except(), "rowFilters[" + i + "].except", domains, problems);
    }
    if (!problems.isEmpty()) {
      throw new PolicyFileException(source, problems, null);
    }
  }

  private static void checkSubject(SubjectSelector subject, String path, Set<DomainName> domains,
                                   Set<PrincipalName> principals, List<PolicyFileException.Problem> problems) {
    subject.principal().filter(p -> !principals.contains(p))
        .ifPresent(p -> problems.add(problem(path + ".principal", "unknown principal '" + p + "'")));
    subject.domain().filter(d -> !domains.contains(d))
        .ifPresent(d -> problems.add(problem(path + ".domain", unknownDomain(d))));
  }

  private static void checkPatterns(List<ResourcePattern> patterns, String path, Set<DomainName> domains,
                                    List<PolicyFileException.Problem> problems) {
    for (int j = 0; j < patterns.size(); j++) {
      String first = patterns.get(j).segments().getFirst();
      if (!first.equals("*") && domains.stream().noneMatch(d -> d.value().equals(first))) {
        problems.add(problem(path + "[" + j + "]", "pattern '" + patterns.get(j) + "' names unknown domain '" + first + "'"));
      }
    }
  }

  private static String unknownDomain(DomainName domain) {
    return "unknown domain '" + domain + "' (not listed under 'domains')";
  }

  private static PolicyFileException.Problem problem(String path, String message) {
    return new PolicyFileException.Problem(path, 0, 0, message);
  }
}

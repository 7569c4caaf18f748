package org.dnsmesh.governance.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole declarative access policy (see {@code governance/policies/mesh-policy.yaml}): domains and the
 * region each domain's data belongs to, principals, grants, masking rules and row filters. Load it with
 * {@link PolicyLoader}.
 */
public record AccessPolicy(String apiVersion, String kind, int version, List<DomainName> domains,
                           Map<String, String> regions, List<Principal> principals, List<Grant> grants,
                           List<MaskingRule> masking, List<RowFilterRule> rowFilters) {
  public static final String API_VERSION = "dnsmesh.org/v1";
  public static final String KIND = "AccessPolicy";

  public AccessPolicy {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    if (!API_VERSION.equals(apiVersion)) {
      throw new IllegalArgumentException("apiVersion must be '" + API_VERSION + "', was '" + apiVersion + "'");
    }
    if (!KIND.equals(kind)) {
      throw new IllegalArgumentException("kind must be '" + KIND + "', was '" + kind + "'");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, was " + version);
    }
    domains = List.copyOf(Objects.requireNonNull(domains, "domains"));
    regions = regions == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(regions));
    principals = List.copyOf(Objects.requireNonNull(principals, "principals"));
    grants = grants == null ? List.of() : List.copyOf(grants);
    masking = masking == null ? List.of() : List.copyOf(masking);
    rowFilters = rowFilters == null ? List.of() : List.copyOf(rowFilters);
  }

  /** The region a domain's tables carry ({@code regions:} in the file); empty when the policy names none. */
  public Optional<String> regionOf(String domain) {
    return Optional.ofNullable(regions.get(domain));
  }

  public Optional<Principal> principal(PrincipalName name) {
    return principals.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}

package org.dnsmesh.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {
  static final Path POLICY = Path.of("policies/mesh-policy.yaml");
  static final Path TABLES = Path.of("policies/demo-tables.yaml");

  private static final String HEADER = "apiVersion: dnsmesh.org/v1\nkind: AccessPolicy\nversion: 1\ndomains: [na, eu]\n";

  @Test
  void loadsTheShippedDemoPolicy() {
    AccessPolicy policy = PolicyLoader.load(POLICY);

    assertThat(policy.domains()).extracting(DomainName::value).containsExactly("na", "eu", "apac", "security");
    assertThat(policy.principals()).hasSizeGreaterThanOrEqualTo(10);
    Principal nora = policy.principal(PrincipalName.of("nora")).orElseThrow();
    assertThat(nora.roles()).containsExactly(RoleBinding.of(Role.STEWARD, DomainName.of("na")));
    Principal ana = policy.principal(PrincipalName.of("ana")).orElseThrow();
    assertThat(ana.attribute("region")).contains("eu");
    assertThat(policy.grants().getFirst().subject()).isEqualTo(SubjectSelector.roleInOwnDomain(Role.PUBLISHER));
    assertThat(policy.masking().getFirst().tag()).contains("client-ip");
    assertThat(policy.masking().getFirst().mask()).isEqualTo(MaskFunction.IPV4_PREFIX_24);
    assertThat(policy.rowFilters()).singleElement().satisfies(rule -> {
      assertThat(rule.attribute()).isEqualTo("region");
      assertThat(rule.expressionFor("o'hare")).isEqualTo("region = 'o''hare'");
    });
  }

  @Test
  void loadsTheDemoTableClassifications() {
    StaticTableClassifications tables = PolicyLoader.loadTables(TABLES);

    TableClassification queries = tables.find(TableRef.parse("na.resolver.queries")).orElseThrow();
    assertThat(queries.column("client_ip").orElseThrow().tags()).containsExactly("client-ip");
    assertThat(queries.column("client_ip").orElseThrow().classification()).isEqualTo(Classification.PII);
    assertThat(tables.find(TableRef.parse("na.resolver.unknown"))).isEmpty();
  }

  @Test
  void namesFileAndPathForAStewardWithoutDomain() {
    String yaml = HEADER + "principals:\n  - name: x\n    roles: [{role: analyst}]\n  - name: y\n    roles:\n      - {role: steward}\n";

    assertThatThrownBy(() -> PolicyLoader.parse(yaml, "bad.yaml"))
        .isInstanceOf(PolicyFileException.class)
        .hasMessageContaining("bad.yaml")
        .hasMessageContaining("principals[1].roles[0]")
        .hasMessageContaining("role 'steward' needs a domain");
  }

  @Test
  void theMeshsOwnTrinoIdentitiesAndTheMaskingCatalogAreNoPrincipalAndNoDomain() {
    String principal = HEADER + "principals:\n  - name: mesh-masking\n    roles: [{role: analyst}]\n";
    assertThatThrownBy(() -> PolicyLoader.parse(principal, "reserved.yaml")).isInstanceOf(PolicyFileException.class)
        .hasMessageContaining("principals[0].name").hasMessageContaining("principal 'mesh-masking' is reserved");
    String lineageReader = HEADER + "principals:\n  - name: mesh-lineage\n    roles: [{role: analyst}]\n";
    assertThatThrownBy(() -> PolicyLoader.parse(lineageReader, "reserved.yaml")).isInstanceOf(PolicyFileException.class)
        .hasMessageContaining("principals[0].name").hasMessageContaining("principal 'mesh-lineage' is reserved");
    String domain = HEADER.replace("domains: [", "domains: [mesh, ") + "principals:\n  - name: x\n    roles: [{role: analyst}]\n";
    assertThat(domain).contains("domains: [mesh, ");
    assertThatThrownBy(() -> PolicyLoader.parse(domain, "reserved.yaml")).isInstanceOf(PolicyFileException.class)
        .hasMessageContaining("domain 'mesh' is reserved");
  }

  @Test
  void reportsUnknownFieldsWithLine() {
    String yaml = HEADER + "principals:\n  - name: x\n    rolez: [{role: analyst}]\n";

    assertThatThrownBy(() -> PolicyLoader.parse(yaml, "typo.yaml"))
        .isInstanceOf(PolicyFileException.class)
        .hasMessageContaining("principals[0].rolez")
        .hasMessageContaining("unknown field 'rolez'; known fields: [name, roles, attributes, idpGroups]");
  }

  @Test
  void anIdentityProviderGroupMapsToOnePrincipalOnly() {
    assertThat(PolicyLoader.load(POLICY).principal(PrincipalName.of("ana")).orElseThrow().idpGroups())
        .containsExactly("eu-analyst");
    String yaml = HEADER + "principals:\n  - name: x\n    roles: [{role: analyst}]\n    idpGroups: [g]\n"
        + "  - name: y\n    roles: [{role: admin}]\n    idpGroups: [g]\n";
    assertThatThrownBy(() -> PolicyLoader.parse(yaml, "groups.yaml"))
        .isInstanceOf(PolicyFileException.class)
        .hasMessageContaining("principals[1].idpGroups[0]")
        .hasMessageContaining("already maps to principal 'x'");
  }

  @Test
  void reportsUnknownEnumValues() {
    String yaml = HEADER + "principals:\n  - name: x\n    roles: [{role: wizard}]\n";

    assertThatThrownBy(() -> PolicyLoader.parse(yaml, "enum.yaml"))
        .hasMessageContaining("principals[0].roles[0].role")
        .hasMessageContaining("unknown role 'wizard'; expected one of publisher, analyst");
  }

  @Test
  void collectsCrossReferenceProblems() {
    String yaml = HEADER + """
        principals:
          - name: x
            roles: [{role: publisher, domain: apac}]
          - name: x
            roles: [{role: analyst}]
        grants:
          - to: {principal: nobody}
            on: [mars.rover]
            privileges: [read]
        """;

    assertThatThrownBy(() -> PolicyLoader.parse(yaml, "refs.yaml"))
        .isInstanceOfSatisfying(PolicyFileException.class, e -> assertThat(e.problems())
            .extracting(PolicyFileException.Problem::path)
            .containsExactly("principals[0].roles[0].domain", "principals[1].name", "grants[0].to.principal", "grants[0].on[0]"));
  }

  @Test
  void rejectsOwnDomainScopeOnAGlobalRoleAndBadPatterns() {
    String scope = HEADER + "principals: []\ngrants:\n  - to: {role: analyst, scope: own-domain}\n    privileges: [read]\n";
    assertThatThrownBy(() -> PolicyLoader.parse(scope, "scope.yaml"))
        .hasMessageContaining("grants[0].to").hasMessageContaining("domain-scoped role");

    String pattern = HEADER + "principals: []\ngrants:\n  - to: {role: analyst}\n    on: [\"na.a b\"]\n    privileges: [read]\n";
    assertThatThrownBy(() -> PolicyLoader.parse(pattern, "pattern.yaml"))
        .hasMessageContaining("grants[0].on[0]").hasMessageContaining("must be * or a name");
  }

  @Test
  void regionsAndRowFilterExceptionsNameKnownDomains() {
    String yaml = HEADER + "regions: {na: na, mars: red}\nprincipals: [{name: a, roles: [{role: analyst}]}]\n"
        + "rowFilters: [{to: {role: analyst}, on: ['*'], except: [venus.x.y], attribute: region, column: region}]\n";
    assertThatThrownBy(() -> PolicyLoader.parse(yaml, "regions.yaml"))
        .hasMessageContaining("regions.mars").hasMessageContaining("unknown domain 'mars'")
        .hasMessageContaining("rowFilters[0].except[0]");
    AccessPolicy ok = PolicyLoader.parse(HEADER + "regions: {na: na}\nprincipals: [{name: a, roles: [{role: analyst}]}]\n", "ok.yaml");
    assertThat(ok.regionOf("na")).contains("na");
    assertThat(ok.regionOf("eu")).isEmpty();
  }

  @Test
  void rejectsWrongHeaderAndBrokenYaml() {
    assertThatThrownBy(() -> PolicyLoader.parse("apiVersion: v9\nkind: AccessPolicy\nversion: 1\ndomains: []\nprincipals: []\n", "v.yaml"))
        .hasMessageContaining("apiVersion must be 'dnsmesh.org/v1'");
    assertThatThrownBy(() -> PolicyLoader.parse("domains: [na\n", "broken.yaml"))
        .isInstanceOf(PolicyFileException.class).hasMessageContaining("broken.yaml").hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> PolicyLoader.parse("", "empty.yaml"))
        .isInstanceOf(PolicyFileException.class).hasMessageContaining("empty");
  }

  @Test
  void patternsCoverAndReach() {
    ResourcePattern domainWide = ResourcePattern.parse("na");
    assertThat(domainWide.covers(ResourceRef.parse("na.resolver.queries"))).isTrue();
    assertThat(domainWide.covers(ResourceRef.mesh())).isFalse();
    assertThat(ResourcePattern.ALL.covers(ResourceRef.mesh())).isTrue();
    ResourcePattern table = ResourcePattern.parse("security.registrar.events");
    assertThat(table.covers(ResourceRef.parse("security.registrar"))).isFalse();
    assertThat(table.reachesBelow(ResourceRef.parse("security.registrar"))).isTrue();
    assertThat(table.reachesBelow(ResourceRef.parse("security"))).isTrue();
    assertThat(table.reachesBelow(ResourceRef.mesh())).isTrue();
    assertThat(table.reachesBelow(ResourceRef.parse("na"))).isFalse();
    assertThat(ResourcePattern.parse("*.*.queries").covers(ResourceRef.parse("eu.x.queries"))).isTrue();
  }

  @Test
  void ownDomainSelectorsMatchOnlyTheBindingDomain() {
    Principal nora = new Principal(PrincipalName.of("nora"), java.util.List.of(RoleBinding.of(Role.STEWARD, DomainName.of("na"))), null);
    SubjectSelector stewards = SubjectSelector.roleInOwnDomain(Role.STEWARD);
    assertThat(stewards.matches(nora, ResourceRef.parse("na.resolver"))).isTrue();
    assertThat(stewards.matches(nora, ResourceRef.parse("eu.resolver"))).isFalse();
    assertThat(stewards.matches(nora, ResourceRef.mesh())).isFalse();
    assertThat(SubjectSelector.role(Role.STEWARD).matches(nora, ResourceRef.mesh())).isTrue();
    assertThat(new SubjectSelector(Optional.empty(), Optional.of(Role.STEWARD), Optional.of(DomainName.of("eu")), null)
        .matches(nora, ResourceRef.parse("na"))).isFalse();
  }
}

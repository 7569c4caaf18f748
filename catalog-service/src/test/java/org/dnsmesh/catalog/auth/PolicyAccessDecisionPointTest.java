package org.dnsmesh.catalog.auth;

import org.dnsmesh.governance.policy.Operation;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dnsmesh.governance.decision.PolicyDecisionPointFactory;
import org.dnsmesh.governance.decision.PolicyEngineConfig;
import org.dnsmesh.governance.policy.PolicyLoader;
import org.dnsmesh.governance.policy.ResourceRef;
import org.junit.jupiter.api.Test;

/** Catalog requests decided by the shipped access policy through governance's embedded evaluator. */
class PolicyAccessDecisionPointTest {
  private static final Path POLICY = Path.of("../governance/policies/mesh-policy.yaml");
  private static final Path TABLES = Path.of("../governance/policies/demo-tables.yaml");
  private final PolicyAccessDecisionPoint decisions = new PolicyAccessDecisionPoint(PolicyDecisionPointFactory.create(
      PolicyEngineConfig.fromProperties(Map.of(PolicyEngineConfig.CACHE_TTL, "0s")), PolicyLoader.load(POLICY),
      PolicyLoader.loadTables(TABLES)));

  private boolean allowed(String principal, Operation operation, CatalogResource resource) {
    return decisions.decide(new AccessRequest(new Caller(principal, Set.of(), Set.of()), operation, resource)).allowed();
  }

  private static CatalogResource table(String domain, String namespace, String table) {
    return CatalogResource.object(domain, List.of(namespace), table);
  }

  @Test
  void publisherWritesOnlyItsOwnDomain() {
    assertThat(allowed("alice", Operation.CREATE_TABLE, table("na", "resolver", "queries"))).isTrue();
    assertThat(allowed("publisher-na", Operation.COMMIT_TABLE, table("na", "resolver", "queries"))).isTrue();
    assertThat(allowed("publisher-na", Operation.COMMIT_TABLE, table("eu", "authoritative", "responses"))).isFalse();
    // the policy gives kenji (publisher of apac) nothing in na: the same answer Trino gives
    assertThat(allowed("kenji", Operation.LOAD_TABLE, table("na", "resolver", "queries"))).isFalse();
    assertThat(allowed("kenji", Operation.CATALOG_CONFIG, CatalogResource.domain("na"))).isFalse();
  }

  @Test
  void analystsReadWhatTheirGrantsCover() {
    assertThat(allowed("analyst", Operation.LOAD_VIEW, table("eu", "authoritative", "responses"))).isTrue();
    assertThat(allowed("analyst", Operation.COMMIT_TABLE, table("eu", "authoritative", "responses"))).isFalse();
    // raw registrar events need a named grant: ana has one, the generic analyst does not
    assertThat(allowed("ana", Operation.LOAD_VIEW, table("security", "registrar", "events"))).isTrue();
    assertThat(allowed("analyst", Operation.LOAD_VIEW, table("security", "registrar", "events"))).isFalse();
    assertThat(allowed("analyst", Operation.LOAD_VIEW, table("security", "detections", "alerts"))).isTrue();
    // and may still list the security catalog, which holds something they can read
    assertThat(allowed("analyst", Operation.LIST_NAMESPACES, CatalogResource.domain("security"))).isTrue();
  }

  /** Issue 15 (2): loadTable hands out the files under a table, which would bypass Trino's masks and filters. */
  @Test
  void maskedOrFilteredReadersAreRefusedLoadTable() {
    // ana reads na.resolver.queries with client_ip cut to /24, qname NULL and rows of region eu only
    assertThat(allowed("ana", Operation.LOAD_TABLE, table("na", "resolver", "queries"))).isFalse();
    assertThat(allowed("analyst", Operation.LOAD_TABLE, table("eu", "authoritative", "responses"))).isFalse();
    assertThat(allowed("ana", Operation.LOAD_TABLE, table("security", "registrar", "events"))).isFalse();
    assertThat(allowed("grace", Operation.LOAD_TABLE, table("security", "registrar", "events"))).isFalse();
    // a table without a classified contract: masks cannot be ruled out
    assertThat(allowed("nora", Operation.LOAD_TABLE, table("na", "scratch", "dump"))).isFalse();
    // an all-public global aggregate read without filter: files are fine
    assertThat(allowed("analyst", Operation.LOAD_TABLE, table("eu", "eu", "latency_by_zone_hourly"))).isTrue();
    // the reason points to Trino
    assertThat(decisions.decide(new AccessRequest(new Caller("ana", Set.of(), Set.of()), Operation.LOAD_TABLE,
        table("na", "resolver", "queries"))).reason()).contains("through Trino");
  }

  @Test
  void writersAndServicePrincipalsKeepLoadTable() {
    for (String principal : List.of("publisher-na", "alice", "pipeline-na", "trino", "quality-monitor", "nora")) {
      assertThat(allowed(principal, Operation.LOAD_TABLE, table("na", "resolver", "queries"))).as(principal).isTrue();
    }
  }

  @Test
  void stewardsReadButDoNotWriteAndOnlyAdminsCreateDomains() {
    assertThat(allowed("nora", Operation.LOAD_TABLE, table("na", "resolver", "queries"))).isTrue();
    assertThat(allowed("nora", Operation.DROP_TABLE, table("na", "resolver", "queries"))).isFalse();
    assertThat(allowed("root", Operation.CREATE_DOMAIN, CatalogResource.mesh())).isTrue();
    assertThat(allowed("grace", Operation.CREATE_DOMAIN, CatalogResource.mesh())).isFalse();
    assertThat(allowed("ana", Operation.LIST_DOMAINS, CatalogResource.mesh())).isTrue();
  }

  @Test
  void unknownPrincipalsGetNothing() {
    assertThat(allowed("mallory", Operation.LIST_DOMAINS, CatalogResource.mesh())).isFalse();
    assertThat(allowed("publisher-mars", Operation.LIST_NAMESPACES, CatalogResource.domain("na"))).isFalse();
  }

  @Test
  void trinoServiceIdentityReadsAndWritesEveryDomain() {
    for (String domain : List.of("na", "eu", "apac", "security")) {
      assertThat(allowed("trino", Operation.LOAD_TABLE, table(domain, "p", "t"))).as(domain).isTrue();
      assertThat(allowed("trino", Operation.CREATE_TABLE, table(domain, "p", "t"))).as(domain).isTrue();
    }
    assertThat(allowed("trino", Operation.CREATE_DOMAIN, CatalogResource.mesh())).isFalse();
  }

  @Test
  void namesThePolicyCannotSpellOnlyLosePrivileges() {
    assertThat(CatalogResource.object("na", List.of("resolver", "sub"), "queries").toPolicyResource())
        .isEqualTo(ResourceRef.table("na", "resolver", CatalogResource.UNNAMED));
    assertThat(CatalogResource.object("na", List.of("ns/with/slash"), "t.x").toPolicyResource())
        .isEqualTo(ResourceRef.table("na", CatalogResource.UNNAMED, CatalogResource.UNNAMED));
    assertThat(CatalogResource.namespace("na", List.of("resolver", "sub")).toPolicyResource())
        .isEqualTo(ResourceRef.product("na", "resolver"));
    // a domain-wide grant still covers them; a grant naming another table does not
    assertThat(allowed("publisher-na", Operation.CREATE_TABLE,
        CatalogResource.object("na", List.of("resolver", "sub"), "queries"))).isTrue();
    assertThat(allowed("ana", Operation.LOAD_TABLE,
        CatalogResource.object("security", List.of("registrar", "nested"), "events"))).isFalse();
  }
}

package org.dnsmesh.governance.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dnsmesh.governance.DemoPolicy;
import org.dnsmesh.governance.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

/** Expected ACLs are written out by hand from governance/policies/mesh-policy.yaml. */
class KafkaAclCompilerTest {
  private final KafkaAclCompiler compiler = new KafkaAclCompiler();
  private final List<KafkaAcl> acls = compiler.compile(DemoPolicy.POLICY);

  @Test
  void domainPipelineWritesAndReadsOnlyItsDomainsTopicsAndGroups() {
    assertThat(of("pipeline-na")).containsExactlyInAnyOrder(
        "pipeline-na READ TOPIC na.*", "pipeline-na WRITE TOPIC na.*", "pipeline-na DESCRIBE TOPIC na.*",
        "pipeline-na CREATE TOPIC na.*", "pipeline-na READ GROUP na.*",
        "pipeline-na WRITE TRANSACTIONAL_ID na.*", "pipeline-na DESCRIBE TRANSACTIONAL_ID na.*");
    assertThat(of("publisher-eu")).containsExactlyInAnyOrder(
        "publisher-eu READ TOPIC eu.*", "publisher-eu WRITE TOPIC eu.*", "publisher-eu DESCRIBE TOPIC eu.*",
        "publisher-eu CREATE TOPIC eu.*", "publisher-eu READ GROUP eu.*",
        "publisher-eu WRITE TRANSACTIONAL_ID eu.*", "publisher-eu DESCRIBE TRANSACTIONAL_ID eu.*");
    assertThat(of("erik")).allMatch(acl -> acl.endsWith(" eu.*"));
  }

  @Test
  void analystsHaveNoKafkaAccessAtAll() {
    for (String analyst : List.of("analyst", "ana", "li", "alan")) {
      assertThat(of(analyst)).as(analyst).isEmpty();
    }
  }

  @Test
  void stewardsReadNoDomainTopicButTheQualityAlerts() {
    assertThat(of("steward-na")).containsExactlyInAnyOrder("steward-na READ TOPIC mesh.quality.alerts",
        "steward-na DESCRIBE TOPIC mesh.quality.alerts", "steward-na READ GROUP mesh.quality.alerts.*");
  }

  @Test
  void governanceTopicIsWrittenOnlyByTheCatalogAndReadByAuditors() {
    assertThat(principalsWith("WRITE TOPIC mesh.governance.events")).containsExactly("catalog-service");
    assertThat(principalsWith("CREATE TOPIC mesh.governance.events")).containsExactly("catalog-service");
    assertThat(principalsWith("READ TOPIC mesh.governance.events"))
        .containsExactlyInAnyOrder("admin", "governance", "grace", "root");
    assertThat(of("catalog-service")).containsExactlyInAnyOrder("catalog-service WRITE TOPIC mesh.governance.events",
        "catalog-service CREATE TOPIC mesh.governance.events", "catalog-service DESCRIBE TOPIC mesh.governance.events",
        // approved suppressions, which the catalog publishes for the detection topology
        "catalog-service WRITE TOPIC mesh.security.suppressions", "catalog-service CREATE TOPIC mesh.security.suppressions",
        "catalog-service DESCRIBE TOPIC mesh.security.suppressions");
  }

  @Test
  void qualityAlertsAreWrittenOnlyByTheMonitor() {
    assertThat(principalsWith("WRITE TOPIC mesh.quality.alerts")).containsExactly("quality-monitor");
    assertThat(principalsWith("READ TOPIC mesh.quality.alerts")).containsExactlyInAnyOrder("admin", "governance",
        "grace", "root", "nora", "sofia", "victor", "steward-na", "steward-eu", "steward-apac", "steward-security");
  }

  @Test
  void securityAlertsAreWrittenOnlyByTheDetectionTopologyAndReadBySecurityReviewersAndAuditors() {
    assertThat(principalsWith("WRITE TOPIC mesh.security.alerts")).containsExactly("security-detections");
    assertThat(principalsWith("CREATE TOPIC mesh.security.alerts")).containsExactly("security-detections");
    assertThat(principalsWith("READ TOPIC mesh.security.alerts")).containsExactlyInAnyOrder("admin", "governance",
        "grace", "root", "victor", "steward-security");
    assertThat(of("steward-na")).noneMatch(acl -> acl.contains("mesh.security.alerts"));
  }

  @Test
  void suppressionsAreWrittenOnlyByTheCatalogAndReadOnlyByTheDetectionTopology() {
    // a forged suppression silences alerts: no domain writer, steward or admin may produce one
    assertThat(principalsWith("WRITE TOPIC mesh.security.suppressions")).containsExactly("catalog-service");
    assertThat(principalsWith("CREATE TOPIC mesh.security.suppressions")).containsExactly("catalog-service");
    assertThat(principalsWith("READ TOPIC mesh.security.suppressions")).containsExactly("security-detections");
    assertThat(acls).filteredOn(acl -> acl.name().startsWith("mesh.security.suppressions"))
        .allMatch(acl -> acl.pattern() == KafkaAcl.Pattern.LITERAL && acl.resource() == KafkaAcl.Resource.TOPIC);
  }

  @Test
  void theDetectionTopologyRunsExactlyOnceInsideTheSecurityPrefixOnly() {
    // Kafka Streams with application.id security.<app>: group, internal topics (created) and transactional ids
    assertThat(of("security-detections")).contains("security-detections READ GROUP security.*",
        "security-detections CREATE TOPIC security.*", "security-detections WRITE TRANSACTIONAL_ID security.*",
        "security-detections DESCRIBE TRANSACTIONAL_ID security.*", "security-detections WRITE TOPIC mesh.security.alerts");
    assertThat(of("security-detections")).filteredOn(acl -> !acl.endsWith("mesh.security.alerts")
            && !acl.endsWith("mesh.security.suppressions"))
        .allMatch(acl -> acl.endsWith(" security.*") || acl.equals(
            "security-detections DELETE TOPIC security.registrar-detections-*"));
    // deleting records is granted on the topology's own internal topics only, and to no one else
    assertThat(acls).filteredOn(acl -> acl.operation() == KafkaAcl.Operation.DELETE).extracting(KafkaAcl::toString)
        .containsExactly("security-detections DELETE TOPIC security.registrar-detections-*");
    assertThat(acls).filteredOn(acl -> acl.resource() == KafkaAcl.Resource.TRANSACTIONAL_ID)
        .allMatch(acl -> acl.pattern() == KafkaAcl.Pattern.PREFIXED && List.of("na.", "eu.", "apac.", "security.")
            .contains(acl.name()));
  }

  @Test
  void noPrefixReachesBeyondADomainOrTheMeshTopics() {
    Set<String> allowedNames = Set.of("na.", "eu.", "apac.", "security.", "mesh.governance.events",
        "mesh.quality.alerts", "mesh.governance.events.", "mesh.quality.alerts.", "mesh.security.alerts",
        "mesh.security.alerts.", "security.registrar-detections-", "mesh.security.suppressions");
    assertThat(acls).extracting(KafkaAcl::name).allMatch(allowedNames::contains);
    assertThat(acls).filteredOn(acl -> acl.name().startsWith("mesh.") && !acl.name().endsWith("."))
        .allMatch(acl -> acl.pattern() == KafkaAcl.Pattern.LITERAL);
  }

  @Test
  void everyPrincipalWithAnAclGetsACredential() {
    assertThat(compiler.principals(DemoPolicy.POLICY))
        .containsAll(acls.stream().map(KafkaAcl::principal).collect(Collectors.toSet()))
        .contains("catalog-service", "ana");
  }

  @Test
  void aDomainNamedMeshOrAPolicyPrincipalNamedLikeTheCatalogIsRefused() {
    assertThatThrownBy(() -> compiler.compile(policy("[na, mesh]", "pipeline-na")))
        .hasMessageContaining("domain 'mesh' is reserved");
    assertThatThrownBy(() -> compiler.compile(policy("[na]", "catalog-service")))
        .hasMessageContaining("'catalog-service'");
  }

  private static org.dnsmesh.governance.policy.AccessPolicy policy(String domains, String principal) {
    return PolicyLoader.parse("""
        apiVersion: dnsmesh.org/v1
        kind: AccessPolicy
        version: 1
        domains: %s
        principals:
          - name: %s
            roles: [{role: service, domain: na}]
        grants:
          - to: {role: service, scope: own-domain}
            on: ["*"]
            privileges: [read, write]
        """.formatted(domains, principal), "test");
  }

  private List<String> of(String principal) {
    return acls.stream().filter(acl -> acl.principal().equals(principal)).map(KafkaAcl::toString).toList();
  }

  private List<String> principalsWith(String operationResourceName) {
    return acls.stream().filter(acl -> acl.toString().endsWith(" " + operationResourceName))
        .filter(acl -> acl.pattern() == KafkaAcl.Pattern.LITERAL).map(KafkaAcl::principal).toList();
  }
}

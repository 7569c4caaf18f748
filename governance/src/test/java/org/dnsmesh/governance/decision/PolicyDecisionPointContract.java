package org.dnsmesh.governance.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dnsmesh.governance.policy.MaskFunction;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.Privilege;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.TableRef;
import org.junit.jupiter.api.Test;

/** Behaviour every decision point shows for the demo policy; one subclass per implementation. */
abstract class PolicyDecisionPointContract {
  static final TableRef QUERIES = TableRef.parse("na.resolver.queries");
  static final TableRef REGISTRAR = TableRef.parse("security.registrar.events");

  abstract PolicyDecisionPoint decisionPoint();

  @Test
  void stewardReviewsOnlyTheirDomain() {
    assertThat(decisionPoint().authorize(PrincipalName.of("nora"), Operation.APPROVE_CHANGE, ResourceRef.product("na", "resolver")).allowed()).isTrue();
    assertThat(decisionPoint().authorize(PrincipalName.of("nora"), Operation.APPROVE_CHANGE, ResourceRef.product("eu", "authoritative")).allowed()).isFalse();
  }

  @Test
  void unknownPrincipalIsDenied() {
    assertThat(decisionPoint().authorize(PrincipalName.of("mallory"), Operation.LIST_CATALOG, ResourceRef.mesh()).allowed()).isFalse();
    assertThat(decisionPoint().tableAccess(PrincipalName.of("mallory"), QUERIES).decision().allowed()).isFalse();
  }

  @Test
  void analystSeesMaskedAndFilteredRows() {
    TableAccess access = decisionPoint().tableAccess(PrincipalName.of("ana"), QUERIES);

    assertThat(access.can(Privilege.READ)).isTrue();
    assertThat(access.can(Privilege.WRITE)).isFalse();
    assertThat(access.columnMasks()).extracting(ColumnMask::column, ColumnMask::function).containsExactly(
        org.assertj.core.groups.Tuple.tuple("client_ip", MaskFunction.IPV4_PREFIX_24),
        org.assertj.core.groups.Tuple.tuple("qname", MaskFunction.NULLIFY),
        org.assertj.core.groups.Tuple.tuple("resolver_id", MaskFunction.NULLIFY));
    assertThat(access.rowFilters()).containsExactly(new RowFilter("region = 'eu'"));
  }

  @Test
  void stewardOfTheOwningDomainSeesClearValues() {
    TableAccess access = decisionPoint().tableAccess(PrincipalName.of("nora"), QUERIES);

    assertThat(access.can(Privilege.READ)).isTrue();
    assertThat(access.columnMasks()).isEmpty();
    assertThat(access.rowFilters()).isEmpty();
  }

  @Test
  void tableWithoutGrantIsDenied() {
    TableAccess access = decisionPoint().tableAccess(PrincipalName.of("li"), REGISTRAR);

    assertThat(access.decision().allowed()).isFalse();
    assertThat(access.privileges()).isEmpty();
    assertThatThrownBy(() -> decisionPoint().authorizeOrThrow(PrincipalName.of("li"), Operation.READ_TABLE, REGISTRAR.toResource()))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("li may not read-table on security.registrar.events");
  }

  @Test
  void maskedOrFilteredReadersAreNotHandedTableFiles() {
    Decision ana = decisionPoint().authorize(PrincipalName.of("ana"), Operation.READ_TABLE_FILES, QUERIES.toResource());
    assertThat(ana.allowed()).isFalse();
    // governance reads with PII masked: no files either
    assertThat(files("governance", REGISTRAR)).isFalse();
    // a reader whose view is neither masked nor filtered may have them (all-public global aggregate)
    assertThat(files("analyst", TableRef.parse("eu.eu.latency_by_zone_hourly"))).isTrue();
    // as may the owning steward, who sees every column in clear
    assertThat(files("nora", QUERIES)).isTrue();
  }

  @Test
  void writersAndServicePrincipalsKeepTableFiles() {
    for (String writer : new String[] {"publisher-na", "pipeline-na", "trino", "quality-monitor", "alice"}) {
      assertThat(files(writer, QUERIES)).as(writer).isTrue();
    }
    assertThat(files("kenji", QUERIES)).as("no grant at all").isFalse();
  }

  @Test
  void aTableWithoutClassifiedContractHandsFilesOnlyToWriters() {
    TableRef unclassified = TableRef.parse("na.scratch.raw_dump");
    assertThat(files("ana", unclassified)).isFalse();
    assertThat(files("nora", unclassified)).isFalse();
    assertThat(files("publisher-na", unclassified)).isTrue();
  }

  private boolean files(String principal, TableRef table) {
    return decisionPoint().authorize(PrincipalName.of(principal), Operation.READ_TABLE_FILES, table.toResource()).allowed();
  }
}

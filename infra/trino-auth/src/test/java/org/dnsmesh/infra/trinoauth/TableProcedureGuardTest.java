package org.dnsmesh.infra.trinoauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trino.spi.connector.CatalogSchemaTableName;
import io.trino.spi.security.AccessDeniedException;
import io.trino.spi.security.Identity;
import io.trino.spi.security.SystemSecurityContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableProcedureGuardTest {
  @TempDir
  Path dir;

  private static final String RULES = """
      {"tables": [
        {"user": "(lifecycle|alice)", "catalog": "na", "schema": "resolver", "table": "queries",
         "privileges": ["SELECT", "INSERT", "DELETE", "UPDATE", "OWNERSHIP"]},
        {"user": "nora", "catalog": "na", "privileges": ["SELECT"]},
        {"group": "ops", "catalog": "eu", "privileges": ["OWNERSHIP"]},
        {"user": "nora", "catalog": "na", "privileges": ["OWNERSHIP"]},
        {"privileges": []}
      ]}
      """;

  private static SystemSecurityContext as(String user, String... groups) {
    Identity identity = Identity.forUser(user).withGroups(Set.of(groups)).build();
    return new SystemSecurityContext(identity, io.trino.spi.QueryId.valueOf("q1"), Instant.now());
  }

  private static final CatalogSchemaTableName QUERIES = new CatalogSchemaTableName("na", "resolver", "queries");

  @Test
  void onlyAPrincipalWhoseFirstMatchingRuleGrantsOwnershipRunsTableProcedures() throws Exception {
    TableProcedureGuard guard = new TableProcedureGuard(new OwnershipRules(Files.writeString(dir.resolve("rules.json"), RULES)));
    assertThatCode(() -> guard.checkCanExecuteTableProcedure(as("lifecycle"), QUERIES, "optimize")).doesNotThrowAnyException();
    // nora reads na: her first matching rule grants SELECT only (the later OWNERSHIP rule never counts)
    assertThatThrownBy(() -> guard.checkCanExecuteTableProcedure(as("nora"), QUERIES, "expire_snapshots"))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("expire_snapshots");
    assertThatThrownBy(() -> guard.checkCanExecuteTableProcedure(as("kenji"), QUERIES, "remove_orphan_files"))
        .isInstanceOf(AccessDeniedException.class);
    assertThatCode(() -> guard.checkCanExecuteTableProcedure(as("olga", "ops"),
        new CatalogSchemaTableName("eu", "authoritative", "responses"), "optimize")).doesNotThrowAnyException();
  }

  @Test
  void everythingElseIsLeftToTheFileRules() throws Exception {
    TableProcedureGuard guard = new TableProcedureGuard(new OwnershipRules(Files.writeString(dir.resolve("rules.json"), RULES)));
    assertThatCode(() -> guard.checkCanSelectFromColumns(as("kenji"), QUERIES, Set.of("qname"))).doesNotThrowAnyException();
    assertThat(guard.filterCatalogs(as("kenji"), Set.of("na", "eu"))).containsExactlyInAnyOrder("na", "eu");
    assertThat(guard.canAccessCatalog(as("kenji"), "na")).isTrue();
    assertThat(guard.getRowFilters(as("kenji"), QUERIES)).isEmpty();
  }

  @Test
  void aMissingOrBrokenRulesFileDeniesAndAFixedOneIsReadAgain() throws Exception {
    Path file = dir.resolve("rules.json");
    OwnershipRules rules = new OwnershipRules(file);
    assertThat(rules.owns("lifecycle", Set.of(), "na", "resolver", "queries")).as("no file").isFalse();
    Files.writeString(file, "{ not json");
    assertThat(rules.owns("lifecycle", Set.of(), "na", "resolver", "queries")).as("broken file").isFalse();
    Files.writeString(file, RULES);
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(rules.owns("lifecycle", Set.of(), "na", "resolver", "queries")).as("fixed file").isTrue();
  }
}

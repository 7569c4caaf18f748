package org.dnsmesh.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.workflow.ChangeKind;
import org.dnsmesh.governance.workflow.ChangeRequest;
import org.dnsmesh.governance.workflow.ChangeRequestId;
import org.dnsmesh.governance.workflow.ChangeState;
import org.dnsmesh.governance.workflow.CheckResult;
import org.dnsmesh.governance.workflow.CompatibilityClass;
import org.dnsmesh.governance.workflow.JdbcChangeRequestRepository;
import org.dnsmesh.governance.workflow.ReviewerCapacity;
import org.dnsmesh.governance.workflow.Verdict;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration V4 keeps every row: a contract change and a policy change written by the V3 schema (as the
 * catalog wrote them) read back through the one repository with their kind, checks, facts and reviews.
 */
class OneChangeTableMigrationIT {
  private static final String DATABASE = "dnsmesh_test_governance_v4" + System.getenv().getOrDefault("MESH_TEST_DB_SUFFIX", "");
  private static final UUID CONTRACT = UUID.fromString("00000000-0000-0000-0000-00000000c001");
  private static final UUID POLICY = UUID.fromString("00000000-0000-0000-0000-00000000p001".replace('p', 'a'));

  @Test
  void contractAndPolicyChangesSurviveTheMoveIntoOneTable() throws SQLException {
    DataSource dataSource = freshDatabase();
    Flyway.configure().dataSource(dataSource).schemas(GovernanceMigrations.SCHEMA)
        .table(GovernanceMigrations.HISTORY_TABLE).locations(GovernanceMigrations.LOCATION).target("3").load().migrate();
    try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
      sql.execute("INSERT INTO governance.change_request (id, domain, product, proposed_version, previous_version, author, state,"
          + " revision, contract_document, compatibility, compatibility_reasons, classification_changed, checks,"
          + " previous_version_sunset, created_at, updated_at, row_version) VALUES ('" + CONTRACT + "', 'na', 'resolver', '2.0.0',"
          + " '1.2.0', 'alice', 'APPROVED', 1, 'apiVersion: v3.0.2', 'MAJOR', '[\"field qtype removed\"]', false,"
          + " '[{\"name\":\"odcs-validation\",\"status\":\"PASSED\",\"detail\":\"valid\"}]', '2027-02-21',"
          + " '2026-11-23T12:00:00Z', '2026-11-23T12:05:00Z', 3)");
      sql.execute("INSERT INTO governance.change_review VALUES ('" + CONTRACT + "', 0, 'nora', 'APPROVE', 'ok', 1,"
          + " '2026-11-23T12:01:00Z', 'DOMAIN_STEWARD')");
      // the catalog's PolicyChangeRepository wrote reviews and checks as JSON on the row
      sql.execute("INSERT INTO governance.policy_change VALUES ('" + POLICY + "', 2, 1, 'root', 'PUBLISHED', 'version: 2',"
          + " '[{\"name\":\"version-bump\",\"status\":\"PASSED\",\"detail\":\"version 1 -> 2\"},"
          + "{\"name\":\"read-impact\",\"status\":\"WARNING\",\"detail\":\"ana loses na.resolver.queries\"}]',"
          + " '{\"grantsAdded\":[\"publisher-eu\"],\"readLost\":[\"ana on na.resolver.queries\"]}',"
          + " '[{\"reviewer\":\"grace\",\"verdict\":\"APPROVE\",\"comment\":\"fine\",\"reviewedAt\":\"2026-11-24T08:00:00.5Z\"}]',"
          + " '2026-11-24T07:00:00Z', '2026-11-24T08:00:01Z', 2)");
    }

    assertThat(GovernanceMigrations.migrate(dataSource)).isGreaterThanOrEqualTo(1);

    try (Connection connection = dataSource.getConnection()) {
      JdbcChangeRequestRepository repository = new JdbcChangeRequestRepository(connection);
      ChangeRequest contract = repository.find(new ChangeRequestId(CONTRACT)).orElseThrow();
      assertThat(contract.kind()).isEqualTo(ChangeKind.CONTRACT_VERSION);
      assertThat(contract.product().toString()).isEqualTo("na.resolver");
      assertThat(contract.document()).isEqualTo("apiVersion: v3.0.2");
      assertThat(contract.assessment()).get().satisfies(a -> {
        assertThat(a.compatibility()).isEqualTo(CompatibilityClass.MAJOR);
        assertThat(a.reasons()).containsExactly("field qtype removed");
      });
      assertThat(contract.reviews()).singleElement().satisfies(r -> assertThat(r.capacities())
          .containsExactly(ReviewerCapacity.DOMAIN_STEWARD));
      assertThat(contract.rowVersion()).isEqualTo(3);
      assertThat(contract.facts()).isEqualTo("{}");

      ChangeRequest policy = repository.find(new ChangeRequestId(POLICY)).orElseThrow();
      assertThat(policy.kind()).isEqualTo(ChangeKind.ACCESS_POLICY);
      assertThat(policy.subject().toString()).isEqualTo("policy");
      assertThat(policy.subject().domain()).isEmpty();
      assertThat(policy.proposedVersion()).isEqualTo("2");
      assertThat(policy.previousVersion()).contains("1");
      assertThat(policy.author()).isEqualTo(PrincipalName.of("root"));
      assertThat(policy.state()).isEqualTo(ChangeState.PUBLISHED);
      assertThat(policy.document()).isEqualTo("version: 2");
      assertThat(policy.assessment()).isEmpty();
      assertThat(policy.checks()).extracting(CheckResult::status)
          .containsExactly(CheckResult.CheckStatus.PASSED, CheckResult.CheckStatus.WARNING);
      assertThat(policy.facts()).contains("\"readLost\"", "ana on na.resolver.queries");
      assertThat(policy.reviews()).singleElement().satisfies(r -> {
        assertThat(r.reviewer()).isEqualTo(PrincipalName.of("grace"));
        assertThat(r.verdict()).isEqualTo(Verdict.APPROVE);
        assertThat(r.comment()).isEqualTo("fine");
        assertThat(r.reviewedAt()).isEqualTo(Instant.parse("2026-11-24T08:00:00.5Z"));
        assertThat(r.capacities()).containsExactly(ReviewerCapacity.GOVERNANCE);
      });
      assertThat(policy.createdAt()).isEqualTo(Instant.parse("2026-11-24T07:00:00Z"));
      assertThat(policy.rowVersion()).isEqualTo(2);
      assertThat(repository.list(Optional.of(ChangeKind.ACCESS_POLICY), Optional.empty(), Optional.empty()))
          .extracting(ChangeRequest::id).containsExactly(new ChangeRequestId(POLICY));
      try (Statement sql = connection.createStatement();
           ResultSet tables = sql.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'governance'"
               + " AND table_name = 'policy_change'")) {
        tables.next();
        assertThat(tables.getInt(1)).isZero();
      }
    }
    assertThat(List.of(CONTRACT, POLICY)).doesNotHaveDuplicates();
  }

  private static DataSource freshDatabase() throws SQLException {
    try (Connection admin = TestDatabase.dataSource("postgres").getConnection(); Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + DATABASE);
      sql.execute("CREATE DATABASE " + DATABASE);
    }
    return TestDatabase.dataSource(DATABASE);
  }
}

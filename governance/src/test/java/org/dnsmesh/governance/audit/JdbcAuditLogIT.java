package org.dnsmesh.governance.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.dnsmesh.governance.GovernanceMigrations;
import org.dnsmesh.governance.TestDatabase;
import org.dnsmesh.governance.store.JdbcGovernanceStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hash chain on real PostgreSQL, tampered with through SQL as an attacker with table-owner rights would. */
class JdbcAuditLogIT {
  private DataSource dataSource;
  private JdbcGovernanceStore store;

  @BeforeEach
  void freshLogWithFiveEntries() {
    dataSource = TestDatabase.fresh();
    store = new JdbcGovernanceStore(dataSource, Clock.systemUTC());
    for (int i = 1; i <= 5; i++) {
      int n = i;
      store.inTransaction(tx -> tx.audit().append("alice", "change.proposed", "na.resolver", Map.of("n", n, "b", "x", "a", List.of(1, 2))));
    }
  }

  @Test
  void chainIsIntactAndLinked() {
    AuditVerification verification = store.inTransaction(tx -> tx.audit().verify());
    assertThat(verification.intact()).isTrue();
    assertThat(verification.entriesChecked()).isEqualTo(5);

    List<AuditEntry> entries = store.inTransaction(tx -> tx.audit().read(1, 100));
    assertThat(entries).extracting(AuditEntry::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(entries.getFirst().previousHash()).isEqualTo(AuditHashing.GENESIS);
    assertThat(entries.get(1).previousHash()).isEqualTo(entries.get(0).hash());
    assertThat(entries.getFirst().details()).isEqualTo("{\"a\":[1,2],\"b\":\"x\",\"n\":1}");
    assertThat(entries.getFirst().hash()).isEqualTo(AuditHashing.hash(entries.getFirst()));
  }

  @Test
  void ordinarySessionsCannotUpdateOrDelete() {
    assertThatThrownBy(() -> sql("UPDATE governance.audit_log SET actor = 'mallory' WHERE seq = 2"))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> sql("DELETE FROM governance.audit_log WHERE seq = 2")).hasMessageContaining("append-only");
  }

  @Test
  void detectsAnEditedEntry() throws SQLException {
    tamper("UPDATE governance.audit_log SET details = '{\"n\":99}' WHERE seq = 3");

    AuditVerification verification = store.inTransaction(tx -> tx.audit().verify());

    assertThat(verification.intact()).isFalse();
    assertThat(verification.problems()).anyMatch(p -> p.startsWith("entry 3 was edited"));
  }

  @Test
  void detectsAnEditedEntryWhoseHashWasRecomputed() throws SQLException {
    // The forger fixes entry 3's own hash, but entry 4 still links to the old one.
    List<AuditEntry> entries = store.inTransaction(tx -> tx.audit().read(3, 1));
    AuditEntry e = entries.getFirst();
    String forged = AuditHashing.hash(e.sequence(), e.occurredAt(), "mallory", e.action(), e.subject(), e.details(), e.previousHash());
    tamper("UPDATE governance.audit_log SET actor = 'mallory', hash = '" + forged + "' WHERE seq = 3");

    AuditVerification verification = store.inTransaction(tx -> tx.audit().verify());

    assertThat(verification.problems()).anyMatch(p -> p.startsWith("entry 4 does not link"));
  }

  @Test
  void detectsADeletedEntry() throws SQLException {
    tamper("DELETE FROM governance.audit_log WHERE seq = 2");

    AuditVerification verification = store.inTransaction(tx -> tx.audit().verify());

    assertThat(verification.intact()).isFalse();
    assertThat(verification.problems()).anyMatch(p -> p.contains("entries 2..2 are missing"));
    assertThat(verification.problems()).anyMatch(p -> p.startsWith("entry 3 does not link"));
  }

  @Test
  void detectsATruncatedTail() throws SQLException {
    tamper("DELETE FROM governance.audit_log WHERE seq >= 4");

    AuditVerification verification = store.inTransaction(tx -> tx.audit().verify());

    assertThat(verification.intact()).isFalse();
    assertThat(verification.problems()).anyMatch(p -> p.contains("newest entry is 3 but the head records 5"));
  }

  @Test
  void migrationsAreIdempotent() {
    assertThat(GovernanceMigrations.migrate(dataSource)).isZero();
  }

  private void tamper(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE governance.audit_log DISABLE TRIGGER audit_log_append_only");
      statement.execute(sql);
      statement.execute("ALTER TABLE governance.audit_log ENABLE TRIGGER audit_log_append_only");
    }
  }

  private void sql(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}

package org.dnsmesh.governance.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dnsmesh.governance.store.GovernanceStoreException;

/**
 * The audit log in PostgreSQL ({@code governance.audit_log}), used inside the caller's transaction so an
 * action and its audit entry commit together. Appenders serialise on a transaction-scoped advisory lock,
 * so sequence numbers are gapless and each entry chains to the one committed before it.
 */
public final class JdbcAuditLog implements AuditLog {
  private static final long APPEND_LOCK = 0x6d6573685f617564L; // "mesh_aud"
  private final Connection connection;
  private final Clock clock;

  public JdbcAuditLog(Connection connection, Clock clock) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public AuditEntry append(String actor, String action, String subject, Map<String, ?> details) {
    String canonical = AuditHashing.canonicalDetails(details);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // PostgreSQL keeps microseconds
    try {
      try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, APPEND_LOCK);
        lock.execute();
      }
      long lastSequence;
      String lastHash;
      try (PreparedStatement head = connection.prepareStatement("SELECT last_seq, last_hash FROM governance.audit_head WHERE id = 1");
           ResultSet row = head.executeQuery()) {
        if (!row.next()) {
          throw new GovernanceStoreException("governance.audit_head is missing its row: the audit log was tampered with", null);
        }
        lastSequence = row.getLong(1);
        lastHash = row.getString(2);
      }
      long sequence = lastSequence + 1;
      String hash = AuditHashing.hash(sequence, now, actor, action, subject, canonical, lastHash);
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO governance.audit_log (seq, occurred_at, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setLong(1, sequence);
        insert.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        insert.setString(3, actor);
        insert.setString(4, action);
        insert.setString(5, subject);
        insert.setString(6, canonical);
        insert.setString(7, lastHash);
        insert.setString(8, hash);
        insert.executeUpdate();
      }
      try (PreparedStatement head = connection.prepareStatement("UPDATE governance.audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
        head.setLong(1, sequence);
        head.setString(2, hash);
        head.executeUpdate();
      }
      return new AuditEntry(sequence, now, actor, action, subject, canonical, lastHash, hash);
    } catch (SQLException e) {
      throw new GovernanceStoreException("cannot append audit entry " + action + " on " + subject, e);
    }
  }

  @Override
  public List<AuditEntry> read(long fromSequence, int limit) {
    List<AuditEntry> entries = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT seq, occurred_at, actor, action, subject, details, prev_hash, hash FROM governance.audit_log WHERE seq >= ? ORDER BY seq LIMIT ?")) {
      query.setLong(1, fromSequence);
      query.setInt(2, limit);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          entries.add(new AuditEntry(row.getLong(1), row.getObject(2, OffsetDateTime.class).toInstant(), row.getString(3),
              row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8)));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new GovernanceStoreException("cannot read the audit log", e);
    }
  }

  @Override
  public List<AuditEntry> aboutChange(String changeId) {
    List<AuditEntry> entries = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT seq, occurred_at, actor, action, subject, details, prev_hash,"
        + " hash FROM governance.audit_log WHERE details::jsonb ->> 'change' = ? ORDER BY seq")) {
      query.setString(1, changeId);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          entries.add(new AuditEntry(row.getLong(1), row.getObject(2, OffsetDateTime.class).toInstant(), row.getString(3),
              row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8)));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new GovernanceStoreException("cannot read the audit trail of change " + changeId, e);
    }
  }

  @Override
  public AuditVerification verify() {
    List<String> problems = new ArrayList<>();
    long expectedSequence = 1;
    String expectedPrevious = AuditHashing.GENESIS;
    long checked = 0;
    int page = 1000;
    List<AuditEntry> batch;
    long from = 1;
    do {
      batch = read(from, page);
      for (AuditEntry entry : batch) {
        checked++;
        if (entry.sequence() != expectedSequence) {
          problems.add("entries " + expectedSequence + ".." + (entry.sequence() - 1) + " are missing (deleted?)");
        }
        if (!entry.previousHash().equals(expectedPrevious)) {
          problems.add("entry " + entry.sequence() + " does not link to the entry before it (previous hash " + entry.previousHash()
              + ", expected " + expectedPrevious + ")");
        }
        String recomputed = AuditHashing.hash(entry);
        if (!recomputed.equals(entry.hash())) {
          problems.add("entry " + entry.sequence() + " was edited: stored hash " + entry.hash() + ", content hashes to " + recomputed);
        }
        expectedSequence = entry.sequence() + 1;
        expectedPrevious = entry.hash();
        from = entry.sequence() + 1;
      }
    } while (batch.size() == page);
    try (PreparedStatement head = connection.prepareStatement("SELECT last_seq, last_hash FROM governance.audit_head WHERE id = 1");
         ResultSet row = head.executeQuery()) {
      if (!row.next()) {
        problems.add("the audit head row is missing");
      } else if (row.getLong(1) != expectedSequence - 1 || !row.getString(2).equals(expectedPrevious)) {
        problems.add("the newest entry is " + (expectedSequence - 1) + " but the head records " + row.getLong(1)
            + " (entries deleted from the end, or the head was edited)");
      }
    } catch (SQLException e) {
      throw new GovernanceStoreException("cannot read the audit head", e);
    }
    return new AuditVerification(problems.isEmpty(), checked, problems);
  }
}

package org.dnsmesh.catalog.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.dnsmesh.governance.audit.AuditEntry;
import org.dnsmesh.governance.audit.JdbcAuditLog;
import org.dnsmesh.governance.store.GovernanceStoreException;

/**
 * Policy change requests in {@code governance.policy_change} (governance's migration V3). Every write
 * appends its audit entry in the same transaction, so a step and its record commit or roll back together;
 * updates are guarded by {@code row_version} (a concurrent review answers 409).
 */
@ApplicationScoped
public class PolicyChangeRepository {
  private static final String COLUMNS = "id, proposed_version, previous_version, author, state, policy_document, checks,"
      + " summary, reviews, created_at, updated_at, row_version";

  private final AgroalDataSource dataSource;
  private final ObjectMapper json;
  private final GovernanceContext context;

  public PolicyChangeRepository(AgroalDataSource dataSource, ObjectMapper json, GovernanceContext context) {
    this.dataSource = dataSource;
    this.json = json;
    this.context = context; // its constructor applied governance's migrations
  }

  /** An audit entry to append with the write. */
  record Audit(String actor, String action, Map<String, ?> details) {}

  record Saved(PolicyChange change, AuditEntry entry) {}

  Saved insert(PolicyChange change, Audit audit) {
    return inTransaction(connection -> {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO governance.policy_change (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, 0)")) {
        bind(insert, change);
        insert.executeUpdate();
      }
      return new Saved(change, append(connection, audit));
    });
  }

  Saved update(PolicyChange change, Audit audit) {
    return inTransaction(connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE governance.policy_change SET state = ?, reviews = ?::jsonb,"
          + " updated_at = ?, row_version = row_version + 1 WHERE id = ? AND row_version = ?")) {
        update.setString(1, change.state().name());
        update.setString(2, write(change.reviews()));
        update.setObject(3, OffsetDateTime.ofInstant(change.updatedAt(), ZoneOffset.UTC));
        update.setObject(4, change.id());
        update.setLong(5, change.rowVersion());
        if (update.executeUpdate() != 1) {
          throw new ChangeConflictException("Policy change " + change.id() + " was updated concurrently: read it again and retry");
        }
      }
      PolicyChange stored = new PolicyChange(change.id(), change.proposedVersion(), change.previousVersion(), change.author(),
          change.state(), change.document(), change.checks(), change.summary(), change.reviews(), change.createdAt(),
          change.updatedAt(), change.rowVersion() + 1);
      return new Saved(stored, append(connection, audit));
    });
  }

  Optional<PolicyChange> find(UUID id) {
    return inTransaction(connection -> {
      try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM governance.policy_change WHERE id = ?")) {
        query.setObject(1, id);
        try (ResultSet row = query.executeQuery()) {
          return row.next() ? Optional.of(read(row)) : Optional.<PolicyChange>empty();
        }
      }
    });
  }

  /** Newest first. */
  List<PolicyChange> list(Optional<PolicyChange.State> state) {
    return inTransaction(connection -> {
      try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM governance.policy_change"
          + (state.isPresent() ? " WHERE state = ?" : "") + " ORDER BY created_at DESC LIMIT 500")) {
        if (state.isPresent()) {
          query.setString(1, state.get().name());
        }
        List<PolicyChange> changes = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
          while (row.next()) {
            changes.add(read(row));
          }
        }
        return changes;
      }
    });
  }

  private AuditEntry append(Connection connection, Audit audit) {
    return new JdbcAuditLog(connection, context.clock()).append(audit.actor(), audit.action(), "policy", audit.details());
  }

  private void bind(PreparedStatement statement, PolicyChange change) throws SQLException {
    statement.setObject(1, change.id());
    statement.setInt(2, change.proposedVersion());
    statement.setInt(3, change.previousVersion());
    statement.setString(4, change.author());
    statement.setString(5, change.state().name());
    statement.setString(6, change.document());
    statement.setString(7, write(change.checks()));
    statement.setString(8, write(change.summary()));
    statement.setString(9, write(change.reviews()));
    statement.setObject(10, OffsetDateTime.ofInstant(change.createdAt(), ZoneOffset.UTC));
    statement.setObject(11, OffsetDateTime.ofInstant(change.updatedAt(), ZoneOffset.UTC));
  }

  private PolicyChange read(ResultSet row) throws SQLException {
    try {
      return new PolicyChange(row.getObject("id", UUID.class), row.getInt("proposed_version"), row.getInt("previous_version"),
          row.getString("author"), PolicyChange.State.valueOf(row.getString("state")), row.getString("policy_document"),
          json.readValue(row.getString("checks"), new TypeReference<List<PolicyChange.Check>>() {}),
          json.readValue(row.getString("summary"), PolicyDiff.class),
          json.readValue(row.getString("reviews"), new TypeReference<List<PolicyChange.Review>>() {}),
          instant(row, "created_at"), instant(row, "updated_at"), row.getLong("row_version"));
    } catch (JsonProcessingException e) {
      throw new GovernanceStoreException("governance.policy_change row " + row.getString("id") + " holds unreadable JSON", e);
    }
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    return row.getObject(column, OffsetDateTime.class).toInstant();
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (RuntimeException | SQLException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new GovernanceStoreException("governance database transaction failed (policy change)", e);
    }
  }
}

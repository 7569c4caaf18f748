package org.dnsmesh.governance.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;
import org.dnsmesh.governance.audit.AuditLog;
import org.dnsmesh.governance.audit.JdbcAuditLog;
import org.dnsmesh.governance.workflow.AccessGrantRepository;
import org.dnsmesh.governance.workflow.ChangeRequestRepository;
import org.dnsmesh.governance.workflow.JdbcAccessGrantRepository;
import org.dnsmesh.governance.workflow.JdbcChangeRequestRepository;

/** {@link GovernanceStore} over PostgreSQL; apply {@link org.dnsmesh.governance.GovernanceMigrations} first. */
public final class JdbcGovernanceStore implements GovernanceStore {
  private final DataSource dataSource;
  private final Clock clock;

  public JdbcGovernanceStore(DataSource dataSource, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public <T> T inTransaction(Function<Transaction, T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        ChangeRequestRepository changes = new JdbcChangeRequestRepository(connection);
        AuditLog audit = new JdbcAuditLog(connection, clock);
        AccessGrantRepository grants = new JdbcAccessGrantRepository(connection);
        T result = work.apply(new Transaction() {
          @Override
          public ChangeRequestRepository changes() {
            return changes;
          }

          @Override
          public AuditLog audit() {
            return audit;
          }

          @Override
          public AccessGrantRepository grants() {
            return grants;
          }
        });
        connection.commit();
        return result;
      } catch (RuntimeException | Error e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new GovernanceStoreException("governance database transaction failed", e);
    }
  }
}

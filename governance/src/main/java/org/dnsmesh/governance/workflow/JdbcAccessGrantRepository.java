package org.dnsmesh.governance.workflow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.dnsmesh.governance.policy.DomainName;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.store.GovernanceStoreException;

/** {@link AccessGrantRepository} on {@code governance.access_grant} (migration V5). */
public final class JdbcAccessGrantRepository implements AccessGrantRepository {
  private static final String COLUMNS = "change_id, principal, domain, product, granted_at, expires_at, revoked_at";
  private final Connection connection;

  public JdbcAccessGrantRepository(Connection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  @Override
  public boolean insert(AccessGrant grant) {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO governance.access_grant (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, NULL) ON CONFLICT (change_id) DO NOTHING")) {
      insert.setObject(1, grant.change().value());
      insert.setString(2, grant.principal().value());
      insert.setString(3, grant.product().domain().value());
      insert.setString(4, grant.product().name());
      insert.setObject(5, timestamp(grant.grantedAt()));
      insert.setObject(6, timestamp(grant.expiresAt()));
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new GovernanceStoreException("cannot store the grant of access request " + grant.change(), e);
    }
  }

  @Override
  public List<AccessGrant> inForce(Instant now) {
    try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM governance.access_grant"
        + " WHERE revoked_at IS NULL AND expires_at > ? ORDER BY granted_at")) {
      query.setObject(1, timestamp(now));
      return read(query);
    } catch (SQLException e) {
      throw new GovernanceStoreException("cannot read the access grants in force", e);
    }
  }

  @Override
  public Optional<AccessGrant> find(ChangeRequestId change) {
    try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM governance.access_grant"
        + " WHERE change_id = ?")) {
      query.setObject(1, change.value());
      return read(query).stream().findFirst();
    } catch (SQLException e) {
      throw new GovernanceStoreException("cannot read the grant of access request " + change, e);
    }
  }

  @Override
  public List<AccessGrant> revokeExpired(Instant now, String by) {
    try (PreparedStatement update = connection.prepareStatement("UPDATE governance.access_grant SET revoked_at = ?, revoked_by = ?"
        + " WHERE revoked_at IS NULL AND expires_at <= ? RETURNING " + COLUMNS)) {
      update.setObject(1, timestamp(now));
      update.setString(2, by);
      update.setObject(3, timestamp(now));
      return read(update);
    } catch (SQLException e) {
      throw new GovernanceStoreException("cannot revoke expired access grants", e);
    }
  }

  private static List<AccessGrant> read(PreparedStatement statement) throws SQLException {
    List<AccessGrant> grants = new ArrayList<>();
    try (ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        OffsetDateTime revoked = row.getObject(7, OffsetDateTime.class);
        grants.add(new AccessGrant(new ChangeRequestId(row.getObject(1, UUID.class)), PrincipalName.of(row.getString(2)),
            new ProductRef(DomainName.of(row.getString(3)), row.getString(4)), row.getObject(5, OffsetDateTime.class).toInstant(),
            row.getObject(6, OffsetDateTime.class).toInstant(), Optional.ofNullable(revoked).map(OffsetDateTime::toInstant)));
      }
    }
    return grants;
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}

package org.dnsmesh.catalog.registry;

import org.dnsmesh.governance.policy.DomainName;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Domains in PostgreSQL ({@code registry.domains}). */
@ApplicationScoped
public class DomainRepository {
  private final AgroalDataSource dataSource;

  public DomainRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Inserts the domain unless one with that name exists; answers whether it was inserted. */
  public boolean insertIfAbsent(DomainName name, String ownerTeam, String description, String warehouse) {
    String sql = "INSERT INTO registry.domains (name, owner_team, description, warehouse) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (name) DO NOTHING";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, name.value());
      statement.setString(2, ownerTeam);
      statement.setString(3, description);
      statement.setString(4, warehouse);
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot insert domain " + name + ": " + e.getMessage(), e);
    }
  }

  public Optional<Domain> find(DomainName name) {
    String sql = "SELECT name, owner_team, description, warehouse, created_at FROM registry.domains WHERE name = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, name.value());
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(map(rows)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read domain " + name + ": " + e.getMessage(), e);
    }
  }

  public List<Domain> list() {
    String sql = "SELECT name, owner_team, description, warehouse, created_at FROM registry.domains ORDER BY name";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      List<Domain> domains = new ArrayList<>();
      while (rows.next()) {
        domains.add(map(rows));
      }
      return List.copyOf(domains);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot list domains: " + e.getMessage(), e);
    }
  }

  private static Domain map(ResultSet row) throws SQLException {
    return new Domain(
        DomainName.of(row.getString("name")),
        row.getString("owner_team"),
        row.getString("description"),
        row.getString("warehouse"),
        row.getTimestamp("created_at").toInstant());
  }
}

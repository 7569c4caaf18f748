package org.dnsmesh.quality.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.dnsmesh.quality.alert.AlertStateStore;
import org.dnsmesh.quality.alert.OpenAlert;
import org.dnsmesh.quality.alert.Suppression;
import org.dnsmesh.quality.model.CheckKey;
import org.dnsmesh.quality.model.ProductId;

/** {@link AlertStateStore} in {@code quality.open_alert} and {@code quality.suppression}: survives restarts. */
public final class JdbcAlertStateStore implements AlertStateStore {
  private static final String SELECT_OPEN = "SELECT product, table_name, check_name, alert_id, opened_at, summary"
      + " FROM quality.open_alert";

  private final DataSource dataSource;

  public JdbcAlertStateStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public Optional<OpenAlert> openAlert(CheckKey key) {
    try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
        SELECT_OPEN + " WHERE product = ? AND table_name = ? AND check_name = ?")) {
      bindKey(query, key);
      return readOpen(query).stream().findFirst();
    } catch (SQLException e) {
      throw new StoreException("reading open alert of " + key, e);
    }
  }

  @Override
  public List<OpenAlert> openAlerts() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(SELECT_OPEN + " ORDER BY opened_at")) {
      return readOpen(query);
    } catch (SQLException e) {
      throw new StoreException("reading open alerts", e);
    }
  }

  @Override
  public void saveOpen(OpenAlert alert) {
    String sql = "INSERT INTO quality.open_alert VALUES (?, ?, ?, ?, ?, ?)";
    try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(sql)) {
      bindKey(insert, alert.key());
      insert.setString(4, alert.alertId());
      insert.setTimestamp(5, Timestamp.from(alert.openedAt()));
      insert.setString(6, alert.summary());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("saving open alert " + alert.alertId() + " of " + alert.key(), e);
    }
  }

  @Override
  public void removeOpen(CheckKey key) {
    try (Connection connection = dataSource.getConnection(); PreparedStatement delete = connection.prepareStatement(
        "DELETE FROM quality.open_alert WHERE product = ? AND table_name = ? AND check_name = ?")) {
      bindKey(delete, key);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("removing open alert of " + key, e);
    }
  }

  @Override
  public void addSuppression(Suppression suppression) {
    String sql = "INSERT INTO quality.suppression (product, table_name, check_name, valid_from, valid_until, reason)"
        + " VALUES (?, ?, ?, ?, ?, ?)";
    try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, suppression.product().value());
      insert.setString(2, suppression.table().orElse(null));
      insert.setString(3, suppression.check().orElse(null));
      insert.setTimestamp(4, Timestamp.from(suppression.from()));
      insert.setTimestamp(5, Timestamp.from(suppression.until()));
      insert.setString(6, suppression.reason());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("saving suppression of " + suppression.product(), e);
    }
  }

  @Override
  public List<Suppression> suppressions(Instant at) {
    String sql = "SELECT product, table_name, check_name, valid_from, valid_until, reason FROM quality.suppression"
        + " WHERE valid_from <= ? AND valid_until > ? ORDER BY id";
    try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
      query.setTimestamp(1, Timestamp.from(at));
      query.setTimestamp(2, Timestamp.from(at));
      List<Suppression> active = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          active.add(new Suppression(new ProductId(rows.getString(1)), Optional.ofNullable(rows.getString(2)),
              Optional.ofNullable(rows.getString(3)), rows.getTimestamp(4).toInstant(), rows.getTimestamp(5).toInstant(),
              rows.getString(6)));
        }
      }
      return active;
    } catch (SQLException e) {
      throw new StoreException("reading suppressions active at " + at, e);
    }
  }

  private static void bindKey(PreparedStatement statement, CheckKey key) throws SQLException {
    statement.setString(1, key.table().product().value());
    statement.setString(2, key.table().table());
    statement.setString(3, key.check());
  }

  private static List<OpenAlert> readOpen(PreparedStatement query) throws SQLException {
    List<OpenAlert> alerts = new ArrayList<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        alerts.add(new OpenAlert(rows.getString(4), CheckKey.of(rows.getString(1), rows.getString(2), rows.getString(3)),
            rows.getTimestamp(5).toInstant(), rows.getString(6)));
      }
    }
    return alerts;
  }
}

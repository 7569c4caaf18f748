package org.dnsmesh.quality.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link HeartbeatStore} in {@code quality.heartbeat}. */
public final class JdbcHeartbeatStore implements HeartbeatStore {
  private static final String SELECT =
      "SELECT instance_id, cycle_started_at, cycle_finished_at, tables_checked, check_errors FROM quality.heartbeat";

  private final DataSource dataSource;

  public JdbcHeartbeatStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public void beat(Heartbeat heartbeat) {
    String sql = "INSERT INTO quality.heartbeat VALUES (?, ?, ?, ?, ?) ON CONFLICT (instance_id) DO UPDATE SET"
        + " cycle_started_at = EXCLUDED.cycle_started_at, cycle_finished_at = EXCLUDED.cycle_finished_at,"
        + " tables_checked = EXCLUDED.tables_checked, check_errors = EXCLUDED.check_errors";
    try (Connection connection = dataSource.getConnection(); PreparedStatement upsert = connection.prepareStatement(sql)) {
      upsert.setString(1, heartbeat.instance());
      upsert.setTimestamp(2, Timestamp.from(heartbeat.cycleStartedAt()));
      upsert.setTimestamp(3, Timestamp.from(heartbeat.cycleFinishedAt()));
      upsert.setInt(4, heartbeat.tablesChecked());
      upsert.setInt(5, heartbeat.checkErrors());
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("recording heartbeat of " + heartbeat.instance(), e);
    }
  }

  @Override
  public Optional<Heartbeat> last(String instance) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(SELECT + " WHERE instance_id = ?")) {
      query.setString(1, instance);
      List<Heartbeat> found = read(query);
      return found.stream().findFirst();
    } catch (SQLException e) {
      throw new StoreException("reading heartbeat of " + instance, e);
    }
  }

  @Override
  public List<Heartbeat> all() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(SELECT + " ORDER BY instance_id")) {
      return read(query);
    } catch (SQLException e) {
      throw new StoreException("reading heartbeats", e);
    }
  }

  private static List<Heartbeat> read(PreparedStatement query) throws SQLException {
    List<Heartbeat> beats = new ArrayList<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        beats.add(new Heartbeat(rows.getString(1), rows.getTimestamp(2).toInstant(), rows.getTimestamp(3).toInstant(),
            rows.getInt(4), rows.getInt(5)));
      }
    }
    return beats;
  }
}

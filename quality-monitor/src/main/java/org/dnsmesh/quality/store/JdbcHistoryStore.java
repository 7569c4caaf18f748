package org.dnsmesh.quality.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.sql.DataSource;
import org.dnsmesh.quality.check.VolumeCheck;
import org.dnsmesh.quality.check.VolumeHistory;
import org.dnsmesh.quality.model.CheckKey;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.model.ProductId;
import org.dnsmesh.quality.model.TableKey;

/** {@link HistoryStore} in PostgreSQL (table {@code quality.check_result}), plain JDBC. */
public final class JdbcHistoryStore implements HistoryStore, VolumeHistory {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "product, table_name, check_name, status, summary, measurements::text, findings::text, checked_at";

  private final DataSource dataSource;

  public JdbcHistoryStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public void record(List<CheckResult> results) {
    String sql = "INSERT INTO quality.check_result (product, table_name, check_name, status, summary, measurements,"
        + " findings, checked_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)";
    try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(sql)) {
      for (CheckResult result : results) {
        insert.setString(1, result.key().table().product().value());
        insert.setString(2, result.key().table().table());
        insert.setString(3, result.key().check());
        insert.setString(4, result.status().name());
        insert.setString(5, result.summary());
        insert.setString(6, json(sanitised(result.measurements())));
        insert.setString(7, json(result.findings()));
        insert.setTimestamp(8, Timestamp.from(result.checkedAt()));
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw new StoreException("recording " + results.size() + " check result(s)", e);
    }
  }

  @Override
  public List<CheckResult> history(CheckKey key, Instant from, Instant to) {
    String sql = "SELECT " + COLUMNS + " FROM quality.check_result WHERE product = ? AND table_name = ?"
        + " AND check_name = ? AND checked_at >= ? AND checked_at < ? ORDER BY checked_at, id";
    try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, key.table().product().value());
      query.setString(2, key.table().table());
      query.setString(3, key.check());
      query.setTimestamp(4, Timestamp.from(from));
      query.setTimestamp(5, Timestamp.from(to));
      return read(query);
    } catch (SQLException e) {
      throw new StoreException("reading history of " + key, e);
    }
  }

  @Override
  public List<CheckResult> latest(Optional<ProductId> product) {
    String sql = "SELECT DISTINCT ON (product, table_name, check_name) " + COLUMNS + " FROM quality.check_result"
        + " WHERE (?::text IS NULL OR product = ?) ORDER BY product, table_name, check_name, checked_at DESC, id DESC";
    try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
      String value = product.map(ProductId::value).orElse(null);
      query.setString(1, value);
      query.setString(2, value);
      return read(query);
    } catch (SQLException e) {
      throw new StoreException("reading latest results of " + product.map(ProductId::value).orElse("all products"), e);
    }
  }

  @Override
  public SlaCompliance compliance(TableKey table, Optional<String> check, Instant from, Instant to, Duration interval) {
    if (!to.isAfter(from) || interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("compliance of " + table + " needs from < to and a positive interval, got "
          + from + ", " + to + ", " + interval);
    }
    long seconds = interval.toSeconds();
    long intervals = (Duration.between(from, to).toSeconds() + seconds - 1) / seconds;
    String sql = "SELECT count(*) AS observed, count(*) FILTER (WHERE NOT breached) AS in_sla FROM ("
        + " SELECT floor(extract(epoch FROM (checked_at - ?)) / ?) AS bucket, bool_or(status = 'BREACHED') AS breached"
        + " FROM quality.check_result WHERE product = ? AND table_name = ? AND (?::text IS NULL OR check_name = ?)"
        + " AND status <> 'ERROR' AND checked_at >= ? AND checked_at < ? GROUP BY bucket) b";
    try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
      query.setTimestamp(1, Timestamp.from(from));
      query.setLong(2, seconds);
      query.setString(3, table.product().value());
      query.setString(4, table.table());
      if (check.isPresent()) {
        query.setString(5, check.get());
        query.setString(6, check.get());
      } else {
        query.setNull(5, Types.VARCHAR);
        query.setNull(6, Types.VARCHAR);
      }
      query.setTimestamp(7, Timestamp.from(from));
      query.setTimestamp(8, Timestamp.from(to));
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return new SlaCompliance(intervals, rows.getLong("observed"), rows.getLong("in_sla"));
      }
    } catch (SQLException e) {
      throw new StoreException("computing SLA compliance of " + table, e);
    }
  }

  /**
   * The volume check evaluates the interval that ended before its run, so the interval starting at
   * {@code start} was measured by runs in [start + interval, start + 2 * interval); the last such run counts.
   */
  @Override
  public OptionalDouble addedRecords(TableKey table, Instant start, Duration interval) {
    String sql = "SELECT (measurements->>'added_records')::float8 FROM quality.check_result WHERE product = ?"
        + " AND table_name = ? AND check_name = ? AND status <> 'ERROR' AND checked_at >= ? AND checked_at < ?"
        + " AND measurements->>'added_records' IS NOT NULL ORDER BY checked_at DESC LIMIT 1";
    try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, table.product().value());
      query.setString(2, table.table());
      query.setString(3, VolumeCheck.NAME);
      query.setTimestamp(4, Timestamp.from(start.plus(interval)));
      query.setTimestamp(5, Timestamp.from(start.plus(interval).plus(interval)));
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? OptionalDouble.of(rows.getDouble(1)) : OptionalDouble.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("reading remembered volume of " + table + " for " + start, e);
    }
  }

  private static List<CheckResult> read(PreparedStatement query) throws SQLException {
    List<CheckResult> results = new ArrayList<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        CheckKey key = CheckKey.of(rows.getString(1), rows.getString(2), rows.getString(3));
        try {
          Map<String, Double> measurements = JSON.readValue(rows.getString(6), new TypeReference<Map<String, Double>>() {
          });
          List<String> findings = JSON.readValue(rows.getString(7), new TypeReference<List<String>>() {
          });
          results.add(new CheckResult(key, CheckStatus.valueOf(rows.getString(4)), rows.getString(5), measurements,
              findings, rows.getTimestamp(8).toInstant()));
        } catch (JsonProcessingException e) {
          throw new SQLException("corrupt JSON in stored result of " + key, e);
        }
      }
    }
    return results;
  }

  /** JSON has no NaN/Infinity; those measurements are dropped rather than failing the whole batch. */
  private static Map<String, Double> sanitised(Map<String, Double> measurements) {
    Map<String, Double> clean = new java.util.TreeMap<>();
    measurements.forEach((name, value) -> {
      if (value != null && Double.isFinite(value)) {
        clean.put(name, value);
      }
    });
    return clean;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

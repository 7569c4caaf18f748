package org.dnsmesh.catalog.consumer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the quality monitor's stored results for a product, read-only, from the mesh database the monitor writes
 * (its schema {@code quality}; {@code mesh up} gives both services the same database). The monitor names a product
 * {@code domain.name} and a table {@code domain.namespace.table}. Only the trend checks are read, one row per check
 * and hour (aggregated in PostgreSQL: the monitor runs every 30 s).
 */
@ApplicationScoped
public class QualityHistory {
  /** The checks the page draws: volume against its band, freshness lag, record drift (quarantined share). */
  static final List<String> TREND_CHECKS = List.of("volume", "freshness", "record_drift");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Double>> MEASUREMENTS = new TypeReference<>() {};
  private static final String HOURLY = """
      SELECT table_name, check_name, date_trunc('hour', checked_at) AS hour,
             count(*) FILTER (WHERE status <> 'ERROR') AS runs,
             max(CASE status WHEN 'BREACHED' THEN 2 WHEN 'AT_RISK' THEN 1 WHEN 'OK' THEN 0 ELSE -1 END) AS worst,
             (array_agg(measurements::text ORDER BY checked_at DESC, id DESC))[1] AS last_measurements
      FROM quality.check_result
      WHERE product = ? AND check_name = ANY (?) AND checked_at >= ? AND checked_at < ?
      GROUP BY table_name, check_name, hour
      ORDER BY table_name, check_name, hour""";
  private static final String ALERTS = """
      SELECT table_name, check_name, alert_id, opened_at, summary FROM quality.open_alert
      WHERE product = ? ORDER BY opened_at, table_name, check_name""";

  private final AgroalDataSource dataSource;

  public QualityHistory(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The product's trend checks in [from, to), with SLA compliance and the open alerts. */
  public QualityTrends read(String domain, String name, Instant from, Instant to) {
    String product = domain + "." + name;
    try (Connection connection = dataSource.getConnection()) {
      if (!monitorSchemaExists(connection)) {
        return new QualityTrends(domain, name, from, to, false, List.of(), List.of(), List.of());
      }
      Map<String, Map<String, List<QualityTrends.Point>>> byTable = new TreeMap<>();
      try (PreparedStatement query = connection.prepareStatement(HOURLY)) {
        query.setString(1, product);
        query.setArray(2, connection.createArrayOf("text", TREND_CHECKS.toArray()));
        query.setTimestamp(3, Timestamp.from(from));
        query.setTimestamp(4, Timestamp.from(to));
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            byTable.computeIfAbsent(rows.getString(1), t -> new TreeMap<>())
                .computeIfAbsent(rows.getString(2), c -> new ArrayList<>())
                .add(new QualityTrends.Point(rows.getTimestamp(3).toInstant(), status(rows.getInt(5)), rows.getInt(4),
                    JSON.readValue(rows.getString(6), MEASUREMENTS)));
          }
        }
      }
      List<QualityTrends.TableTrend> tables = new ArrayList<>();
      List<QualityTrends.Compliance> compliance = new ArrayList<>();
      byTable.forEach((table, checks) -> {
        tables.add(new QualityTrends.TableTrend(table, checks));
        checks.forEach((check, points) -> compliance.add(compliance(table, check, points)));
      });
      return new QualityTrends(domain, name, from, to, true, tables, compliance, alerts(connection, product));
    } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("reading the quality monitor's results for " + product + ": " + e.getMessage(), e);
    }
  }

  /** Observed hours: at least one run that did not err; in SLA: observed and none breached. */
  static QualityTrends.Compliance compliance(String table, String check, List<QualityTrends.Point> points) {
    Map<String, long[]> days = new TreeMap<>();
    long observed = 0;
    long inSla = 0;
    for (QualityTrends.Point point : points) {
      if (point.runs() == 0) {
        continue;
      }
      boolean ok = !point.status().equals("BREACHED");
      observed++;
      inSla += ok ? 1 : 0;
      long[] day = days.computeIfAbsent(point.hour().atOffset(ZoneOffset.UTC).toLocalDate().toString(), d -> new long[2]);
      day[0]++;
      day[1] += ok ? 1 : 0;
    }
    Double percent = observed == 0 ? null : Math.round(inSla * 1000.0 / observed) / 10.0;
    List<QualityTrends.Day> perDay = new ArrayList<>();
    days.forEach((day, counts) -> perDay.add(new QualityTrends.Day(day, counts[0], counts[1])));
    return new QualityTrends.Compliance(table, check, observed, inSla, percent, perDay);
  }

  private static String status(int worst) {
    return switch (worst) {
      case 2 -> "BREACHED";
      case 1 -> "AT_RISK";
      case 0 -> "OK";
      default -> "ERROR";
    };
  }

  private static boolean monitorSchemaExists(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT to_regclass('quality.check_result') IS NOT NULL AND to_regclass('quality.open_alert') IS NOT NULL");
        ResultSet row = query.executeQuery()) {
      return row.next() && row.getBoolean(1);
    }
  }

  private static List<QualityTrends.Alert> alerts(Connection connection, String product) throws SQLException {
    List<QualityTrends.Alert> alerts = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(ALERTS)) {
      query.setString(1, product);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          alerts.add(new QualityTrends.Alert(rows.getString(1), rows.getString(2), rows.getString(3),
              rows.getTimestamp(4).toInstant(), rows.getString(5)));
        }
      }
    }
    return alerts;
  }
}

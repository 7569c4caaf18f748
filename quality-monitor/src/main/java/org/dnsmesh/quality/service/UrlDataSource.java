package org.dnsmesh.quality.service;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A DataSource that opens a new connection per call from a JDBC URL (Trino JDBC has no DataSource class). */
final class UrlDataSource implements DataSource {
  private final String url;
  private final Supplier<Properties> properties;

  UrlDataSource(String url, Properties properties) {
    this(url, () -> properties);
    Objects.requireNonNull(properties, "properties");
  }

  /** Properties read for every connection (a fresh access token each time it was renewed). */
  UrlDataSource(String url, Supplier<Properties> properties) {
    this.url = Objects.requireNonNull(url, "url");
    this.properties = Objects.requireNonNull(properties, "properties");
  }

  @Override
  public Connection getConnection() throws SQLException {
    return DriverManager.getConnection(url, properties.get());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    Properties copy = new Properties();
    copy.putAll(properties.get());
    copy.setProperty("user", user);
    copy.setProperty("password", password);
    return DriverManager.getConnection(url, copy);
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // not used
  }

  @Override
  public void setLoginTimeout(int seconds) {
    DriverManager.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() {
    return DriverManager.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }
}

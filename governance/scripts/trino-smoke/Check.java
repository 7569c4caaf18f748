import java.sql.*;
import java.util.*;

/** Loads demo rows as root (setup) and runs the same queries as each demo principal (see run.sh). */

public class Check {
  static Connection as(String user) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    return DriverManager.getConnection("jdbc:trino://127.0.0.1:" + System.getProperty("trino.port", "18471"), p);
  }

  static void exec(String user, String sql) {
    try (Connection c = as(user); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      System.out.println("FAILED: " + sql.substring(0, Math.min(60, sql.length())) + " -> " + e.getMessage());
    }
  }

  static void query(String user, String sql) {
    System.out.println("== " + user + ": " + sql);
    try (Connection c = as(user); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder row = new StringBuilder("   ");
        for (int i = 1; i <= n; i++) row.append(r.getMetaData().getColumnName(i)).append('=').append(r.getString(i)).append("  ");
        System.out.println(row);
      }
    } catch (SQLException e) {
      System.out.println("   ERROR " + e.getMessage().replaceAll("^Query failed \\(#[^)]*\\): ", ""));
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("setup")) {
      exec("root", "CREATE SCHEMA IF NOT EXISTS na.resolver");
      exec("root", "CREATE TABLE IF NOT EXISTS na.resolver.queries (ts timestamp(6) with time zone, client_ip varchar, client_id varchar, qname varchar, qtype varchar, rcode varchar, latency_ms integer, resolver_id varchar, region varchar)");
      exec("root", "INSERT INTO na.resolver.queries VALUES (TIMESTAMP '2026-11-23 10:00:00 UTC', '192.0.2.17', 'c1', 'example.com.', 'A', 'NOERROR', 12, 'r1', 'eu'), (TIMESTAMP '2026-11-23 10:00:01 UTC', '198.51.100.9', 'c2', 'example.org.', 'AAAA', 'NXDOMAIN', 30, 'r2', 'na'), (TIMESTAMP '2026-11-23 10:00:02 UTC', '2001:db8::1', 'c3', 'x.test.', 'A', 'NOERROR', 5, 'r1', 'eu')");
      exec("root", "CREATE SCHEMA IF NOT EXISTS apac.edge");
      exec("root", "CREATE TABLE IF NOT EXISTS apac.edge.cache_events (ts timestamp(6) with time zone, client_ip varchar(45), qname varchar, cache_hit boolean, region varchar)");
      exec("root", "INSERT INTO apac.edge.cache_events VALUES (TIMESTAMP '2026-11-23 10:00:00 UTC', '203.0.113.77', 'a.test.', true, 'apac'), (TIMESTAMP '2026-11-23 10:00:00 UTC', '203.0.113.78', 'b.test.', false, 'eu')");
      exec("root", "CREATE SCHEMA IF NOT EXISTS security.registrar");
      exec("root", "CREATE TABLE IF NOT EXISTS security.registrar.events (event_id varchar, ts timestamp(6) with time zone, domain_name varchar, event_type varchar, registrant_email varchar, actor_ip varchar, account_id bigint, region varchar)");
      exec("root", "INSERT INTO security.registrar.events VALUES ('e1', TIMESTAMP '2026-11-23 10:00:00 UTC', 'example.com', 'transfer', 'bob@example.com', '192.0.2.200', 42, 'eu'), ('e2', TIMESTAMP '2026-11-23 10:00:00 UTC', 'example.net', 'unlock', 'eve@example.net', '192.0.2.201', 43, 'na')");
      System.out.println("setup done");
      return;
    }
    query("ana", "SELECT client_ip, client_id, qname, resolver_id, region FROM na.resolver.queries ORDER BY ts");
    query("alan", "SELECT client_ip, qname, region FROM na.resolver.queries ORDER BY ts");
    query("nora", "SELECT client_ip, qname, region FROM na.resolver.queries ORDER BY ts");
    query("alice", "SELECT client_ip, qname, resolver_id FROM na.resolver.queries ORDER BY ts");
    query("li", "SELECT client_ip, qname, region FROM apac.edge.cache_events");
    query("ana", "SELECT registrant_email, actor_ip, account_id, region FROM security.registrar.events");
    query("victor", "SELECT registrant_email, actor_ip, account_id, region FROM security.registrar.events");
    query("li", "SELECT * FROM security.registrar.events");
    query("ana", "INSERT INTO na.resolver.queries (region) VALUES ('x')");
    query("mallory", "SELECT 1");
    query("alice", "SHOW CATALOGS");
    query("li", "SHOW TABLES FROM security.registrar");
    query("ana", "SELECT table_catalog, table_schema, table_name FROM na.information_schema.tables WHERE table_schema <> 'information_schema'");
    query("erik", "SELECT count(*) FROM na.resolver.queries");
  }
}

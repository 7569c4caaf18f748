package org.dnsmesh.governance;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Applies governance's schema ({@code db/governance-migration}, schema {@code governance}, own history
 * table) so it can share a database with other modules' migrations.
 */
public final class GovernanceMigrations {
  public static final String SCHEMA = "governance";
  public static final String LOCATION = "classpath:db/governance-migration";
  public static final String HISTORY_TABLE = "governance_schema_history";

  private GovernanceMigrations() {}

  public static int migrate(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .schemas(SCHEMA)
        .table(HISTORY_TABLE)
        .locations(LOCATION)
        .load()
        .migrate()
        .migrationsExecuted;
  }
}

package org.dnsmesh.quality.store;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the Flyway migrations under {@code db/migration} to the schema {@code quality}. */
public final class QualityDatabase {
  public static final String SCHEMA = "quality";

  private QualityDatabase() {
  }

  public static MigrateResult migrate(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return Flyway.configure()
        .dataSource(dataSource)
        .schemas(SCHEMA)
        .createSchemas(true)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }
}

package io.midcoast.connect;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Postgres schema every sink writes into, owned by Flyway migrations in {@value #LOCATION}
 * ({@code V1__property.sql}, ...). The JDBC sink runs with {@code schema.evolution=none}: tables
 * and columns exist only because a migration created them.
 */
public final class PostgresSchema {

  /** Where the migrations live on the classpath. */
  public static final String LOCATION = "classpath:db/migration";

  private static final Logger LOG = LoggerFactory.getLogger(PostgresSchema.class);

  private PostgresSchema() {}

  /**
   * Applies every pending migration. Safe to call on every start: an up-to-date database is left
   * unchanged; a database with a migration edited after it was applied fails validation.
   *
   * @param jdbcUrl e.g. {@code jdbc:postgresql://localhost:5432/midcoast}
   * @param user database user allowed to create tables
   * @param password its password (may be empty)
   * @return the number of migrations applied by this call (0 when already up to date)
   * @throws org.flywaydb.core.api.FlywayException when the database cannot be migrated
   */
  public static int migrate(final String jdbcUrl, final String user, final String password) {
    final Flyway flyway =
        Flyway.configure(PostgresSchema.class.getClassLoader())
            .dataSource(jdbcUrl, user, password)
            .locations(LOCATION)
            .load();
    final MigrateResult result = flyway.migrate();
    LOG.info(
        "Postgres schema at version {} ({} migration(s) applied now) on {}",
        result.targetSchemaVersion != null
            ? result.targetSchemaVersion
            : result.initialSchemaVersion,
        result.migrationsExecuted,
        jdbcUrl);
    return result.migrationsExecuted;
  }
}

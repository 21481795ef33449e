package mercato.platform.db;

import mercato.platform.config.DbConfig;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway migrations for one domain schema: first the platform tables every domain has
 * (outbox, deliveries, inbox; history in {@code flyway_platform_history}), then the
 * domain's own {@code db/<domain>/} files. Blocking JDBC: call it from a worker.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  public static void migrate(DbConfig db, String schema) {
    long started = System.nanoTime();
    int platform = run(db, schema, "classpath:db/platform", "flyway_platform_history");
    int own = run(db, schema, "classpath:db/" + schema, "flyway_schema_history");
    LOG.info("schema {} migrated ({} platform, {} domain migrations applied) in {} ms",
        schema, platform, own, (System.nanoTime() - started) / 1_000_000);
  }

  private static int run(DbConfig db, String schema, String location, String historyTable) {
    return Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .schemas(schema)
        .defaultSchema(schema)
        .createSchemas(true)
        .locations(location)
        .table(historyTable)
        // Both histories live in one schema: the second run must not mistake the
        // first one's tables for an unmanaged schema, and must still apply its V1.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .failOnMissingLocations(false)
        .load()
        .migrate()
        .migrationsExecuted;
  }
}

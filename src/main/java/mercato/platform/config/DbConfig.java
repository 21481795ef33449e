package mercato.platform.config;

/** The {@code db:} section: one PostgreSQL database; each domain gets its own schema and pool. */
public record DbConfig(
    String host, int port, String database, String user, String password,
    int poolSize, int waitQueueSize, int pipeliningLimit) {

  public static DbConfig read(ConfigReader db) {
    return new DbConfig(
        db.string("host"),
        db.port("port", false),
        db.string("database"),
        db.string("user"),
        db.string("password"),
        db.integer("poolSize", 1, 100),
        db.integer("waitQueueSize", 0, 100_000),
        db.integer("pipeliningLimit", 1, 10_000));
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public DbConfig withDatabase(String other) {
    return new DbConfig(host, port, other, user, password, poolSize, waitQueueSize, pipeliningLimit);
  }
}

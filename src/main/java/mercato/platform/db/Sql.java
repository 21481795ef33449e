package mercato.platform.db;

import io.vertx.pgclient.PgException;

/**
 * What a failed statement says about the data, read from its SQLSTATE: which unique or
 * foreign-key constraint a write broke, so a domain answers 409 or 400 instead of 500.
 */
public final class Sql {
  /** SQLSTATE {@code unique_violation}. */
  public static final String UNIQUE_VIOLATION = "23505";
  /** SQLSTATE {@code foreign_key_violation}. */
  public static final String FOREIGN_KEY_VIOLATION = "23503";

  private Sql() {}

  /** Whether {@code failure} is a unique violation of any constraint. */
  public static boolean isUniqueViolation(Throwable failure) {
    return is(failure, UNIQUE_VIOLATION);
  }

  /** Whether {@code failure} is a unique violation of {@code constraint}. */
  public static boolean isUniqueViolation(Throwable failure, String constraint) {
    return constraint.equals(uniqueViolation(failure));
  }

  /** The unique constraint {@code failure} violated, or null when it is another failure. */
  public static String uniqueViolation(Throwable failure) {
    return isUniqueViolation(failure) ? ((PgException) failure).getConstraint() : null;
  }

  /** Whether {@code failure} is a foreign-key violation of any constraint. */
  public static boolean isForeignKeyViolation(Throwable failure) {
    return is(failure, FOREIGN_KEY_VIOLATION);
  }

  /** Whether {@code failure} is a foreign-key violation of {@code constraint}. */
  public static boolean isForeignKeyViolation(Throwable failure, String constraint) {
    return isForeignKeyViolation(failure) && constraint.equals(((PgException) failure).getConstraint());
  }

  private static boolean is(Throwable failure, String sqlState) {
    return failure instanceof PgException pg && sqlState.equals(pg.getSqlState());
  }
}

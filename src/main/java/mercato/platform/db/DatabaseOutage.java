package mercato.platform.db;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;

/**
 * Whether a failure means PostgreSQL cannot be reached right now (refused, cut, shutting
 * down or starting up) rather than that the request or the code is wrong: the caller then
 * gets 503 and may retry (with its Idempotency-Key), instead of a 500.
 */
public final class DatabaseOutage {
  private DatabaseOutage() {}

  public static boolean is(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      // Refused, reset or cut at any step (a reset while sending the startup message is a bare IOException).
      if (t instanceof IOException || t instanceof ClosedConnectionException) {
        return true;
      }
      if (t instanceof DatabaseException db && db.getSqlState() != null
          // 08: connection exception; 57P: admin or crash shutdown, cannot connect now
          && (db.getSqlState().startsWith("08") || db.getSqlState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }
}

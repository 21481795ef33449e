package mercato.platform.events;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.EncodeException;
import io.vertx.sqlclient.DatabaseException;
import mercato.platform.bus.Problem;

/**
 * Tells an item's own fault from a transient one. Own: PostgreSQL refused the data (SQLSTATE
 * class 22, data exception, or 23, integrity constraint), the item cannot be decoded or
 * encoded, or the receiver refused it as invalid (400 or 422). Retrying such an item fails
 * the same way, so it is set aside. Everything else (connection lost, pool full, timeout, a
 * server error) is transient and is retried, never set aside.
 */
public final class ItemFaults {
  private ItemFaults() {}

  public static boolean itemsOwn(Throwable failure) {
    for (Throwable f = failure; f != null; f = f.getCause() == f ? null : f.getCause()) {
      if (f instanceof DatabaseException db) {
        String state = db.getSqlState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
      }
      if (f instanceof DecodeException || f instanceof EncodeException) {
        return true;
      }
      if (f instanceof Problem problem) {
        return refused(problem.status());
      }
      if (f instanceof ReplyException reply) {
        return reply.failureType() == ReplyFailure.RECIPIENT_FAILURE && refused(reply.failureCode());
      }
    }
    return false;
  }

  /** A database failure that says nothing about the item: connection, resources, shutdown, conflict of transactions. */
  public static boolean databaseAway(Throwable failure) {
    for (Throwable f = failure; f != null; f = f.getCause() == f ? null : f.getCause()) {
      if (f instanceof DatabaseException db) {
        String state = db.getSqlState();
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
            || state.startsWith("40"));
      }
      if (f instanceof java.net.ConnectException
          || f instanceof io.vertx.sqlclient.ClosedConnectionException
          || f instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
        return true;
      }
    }
    return false;
  }

  private static boolean refused(int status) {
    return status == 400 || status == 422;
  }
}

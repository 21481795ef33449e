package mercato.platform.db;

import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;

/**
 * Runs something once the caller's transaction has committed, and never when it rolls
 * back: for a count of committed facts (a payment captured) made deep inside the
 * transaction's steps. Outside a transaction a statement commits by itself, so it runs now.
 */
public final class AfterCommit {
  private AfterCommit() {}

  public static void run(SqlConnection tx, Runnable action) {
    Transaction transaction = tx.transaction();
    if (transaction == null) {
      action.run();
    } else {
      transaction.completion().onSuccess(v -> action.run());
    }
  }
}

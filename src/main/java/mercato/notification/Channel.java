package mercato.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * One way a notification reaches an account (in-app, email, webhook, sms, push).
 * {@link #dispatch} runs inside the send transaction and may only write: rows in this
 * schema, events in its outbox. Whatever leaves the process (an HTTP call, a mail, a
 * live push) happens after the commit, from what was written, so a rolled-back send
 * leaves no trace anywhere and a committed one is never lost.
 */
interface Channel {
  /** The channel name subscriptions use. */
  String name();

  /**
   * Routes {@code notification} here for {@code target} (the subscription that asked for
   * it; for in-app the implicit one every account has). The outcome says what happened.
   */
  Future<Outcome> dispatch(SqlConnection tx, Notification notification, Subscription target);

  /** After the send transaction committed with at least one outcome of this channel. Must not fail. */
  default void committed(Notification notification) {}

  /** What dispatching did: {@code stored}, {@code requested}, {@code queued} or {@code skipped}. */
  record Outcome(String channel, String status, String detail) {
    boolean skipped() {
      return status.equals("skipped");
    }
  }
}

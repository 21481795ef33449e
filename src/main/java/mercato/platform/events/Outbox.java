package mercato.platform.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Writes events into the calling domain's outbox. It takes the transaction's connection,
 * not a pool: an event exists exactly when the change that caused it committed.
 */
public final class Outbox {
  private static final String APPEND = """
      WITH event AS (
        INSERT INTO outbox (id, type, source, subject, time, data)
        VALUES ($1, $2, $3, $4, $5, $6)
        RETURNING seq)
      INSERT INTO outbox_delivery (seq, subscriber, subject)
      SELECT event.seq, subscriber, $4 FROM event, unnest($7::text[]) AS subscriber
      """;

  private final Subscriptions subscriptions;

  public Outbox(Subscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  /** Appends {@code event} inside the transaction that {@code tx} belongs to. */
  public Future<Void> append(SqlConnection tx, Event event) {
    return tx.preparedQuery(APPEND)
        .execute(Tuple.of(event.id(), event.type(), event.source(), event.subject(), event.time(), event.data(),
            subscriptions.subscribersOf(event.type())))
        .mapEmpty();
  }
}

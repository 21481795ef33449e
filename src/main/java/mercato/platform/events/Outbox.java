package mercato.platform.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

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

  /** Appends {@code events} in their order, in one round trip (a batch of the one statement). */
  public Future<Void> appendAll(SqlConnection tx, List<Event> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    if (events.size() == 1) {
      return append(tx, events.get(0));
    }
    return tx.preparedQuery(APPEND).executeBatch(events.stream().map(this::row).toList()).mapEmpty();
  }

  private Tuple row(Event event) {
    return Tuple.of(event.id(), event.type(), event.source(), event.subject(), event.time(), event.data(),
        subscriptions.subscribersOf(event.type()));
  }

  /** Appends {@code event} inside the transaction that {@code tx} belongs to. */
  public Future<Void> append(SqlConnection tx, Event event) {
    return tx.preparedQuery(APPEND).execute(row(event)).mapEmpty();
  }
}

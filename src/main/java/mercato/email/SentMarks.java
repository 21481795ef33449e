package mercato.email;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records sent mails in groups: a mark asked for while none is being written goes out at
 * once; the ones asked for meanwhile wait for it and then go out together in one
 * statement. So a quiet queue marks each mail as soon as the server took it, and a busy one
 * costs one statement per group instead of one per mail. Each caller's future completes
 * when its own mark is committed. Event-loop confined (the sender's verticle).
 */
final class SentMarks {
  // Sent wins over anything but itself, even when the lease ran out meanwhile.
  static final String MARK_SENT = """
      UPDATE email e
         SET status = 'sent', sent_at = now(), locked_until = NULL, last_error = NULL,
             message_id = m.message_id, html = NULL, text = NULL
        FROM unnest($1::uuid[], $2::text[]) AS m (id, message_id)
       WHERE e.id = m.id AND e.status <> 'sent'
      """;

  private record Mark(UUID id, String messageId, Promise<Void> done) {}

  private final Pool pool;
  private List<Mark> waiting = new ArrayList<>();
  private boolean writing;

  SentMarks(Pool pool) {
    this.pool = pool;
  }

  /** Completes when the mail {@code id} is recorded as sent with {@code messageId}. */
  Future<Void> mark(UUID id, String messageId) {
    Promise<Void> done = Promise.promise();
    waiting.add(new Mark(id, messageId, done));
    if (!writing) {
      write();
    }
    return done.future();
  }

  private void write() {
    List<Mark> group = waiting;
    waiting = new ArrayList<>();
    writing = true;
    UUID[] ids = new UUID[group.size()];
    String[] messageIds = new String[group.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = group.get(i).id();
      messageIds[i] = group.get(i).messageId();
    }
    pool.preparedQuery(MARK_SENT).execute(Tuple.tuple().addArrayOfUUID(ids).addArrayOfString(messageIds)).onComplete(result -> {
      for (Mark mark : group) {
        if (result.succeeded()) {
          mark.done().complete();
        } else {
          mark.done().fail(result.cause());
        }
      }
      writing = false;
      if (!waiting.isEmpty()) {
        write();
      }
    });
  }
}

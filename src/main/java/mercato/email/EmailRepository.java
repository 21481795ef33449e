package mercato.email;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The email table: the queue the sender works through and the log admins read. */
final class EmailRepository {
  static final String STATUSES = "queued|retrying|sent|failed";

  // ON CONFLICT without a target: a second mail for the same event or the same
  // idempotency key inserts nothing and returns no row.
  static final String INSERT_EMAIL = """
      INSERT INTO email (id, recipients, subject, html, text, template, locale, source_event_id,
                         idempotency_key, request_hash, request_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
      ON CONFLICT DO NOTHING
      RETURNING id, status
      """;
  static final String SELECT_BY_IDEMPOTENCY_KEY = """
      SELECT id, status, request_hash FROM email WHERE idempotency_key = $1
      """;
  // Due rows, oldest due first; the lease keeps other senders (other nodes) away while
  // this one talks to the SMTP server, and attempts counts every try.
  static final String CLAIM_DUE = """
      UPDATE email e
         SET locked_until = now() + $2 * interval '1 millisecond', attempts = e.attempts + 1
        FROM (SELECT id FROM email
               WHERE status IN ('queued', 'retrying')
                 AND next_attempt_at <= now()
                 AND (locked_until IS NULL OR locked_until < now())
               ORDER BY next_attempt_at, id
               LIMIT $1
               FOR UPDATE SKIP LOCKED) due
       WHERE e.id = due.id
      RETURNING e.id, e.recipients, e.subject, e.html, e.text, e.attempts
      """;
  // Only the claim that made this attempt may record its failure.
  static final String MARK_FAILED_ATTEMPT = """
      UPDATE email
         SET status = CASE WHEN $3 OR attempts >= $4 THEN 'failed' ELSE 'retrying' END,
             next_attempt_at = now() + $5 * interval '1 millisecond',
             locked_until = NULL,
             last_error = $6
       WHERE id = $1 AND attempts = $2 AND status IN ('queued', 'retrying')
      RETURNING status
      """;
  static final String LIST_EMAILS = """
      SELECT id, recipients, subject, template, locale, status, attempts, last_error, created_at, sent_at
        FROM email
       WHERE ($1::text IS NULL OR status = $1)
         AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM unnest(recipients) r WHERE lower(r) = lower($2)))
         AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4::uuid))
       ORDER BY created_at DESC, id DESC
       LIMIT $5
      """;

  /** A mail to insert. */
  record NewEmail(UUID id, List<String> to, RenderedMail mail, String template, String locale, UUID sourceEventId,
      String idempotencyKey, String requestHash, String requestId) {}

  /** A claimed mail, ready to send. */
  record Claimed(UUID id, List<String> to, String subject, String html, String text, int attempts) {}

  /** An earlier mail with the same idempotency key. */
  record Existing(UUID id, String status, String requestHash) {}

  /** The inserted row's status, or null when a mail for this event or key already exists. */
  Future<String> insert(SqlClient client, NewEmail e) {
    return client.preparedQuery(INSERT_EMAIL)
        .execute(Tuple.from(new Object[] {e.id(), e.to().toArray(String[]::new), e.mail().subject(), e.mail().html(),
            e.mail().text(), e.template(), e.locale(), e.sourceEventId(), e.idempotencyKey(), e.requestHash(),
            e.requestId()}))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("status"));
  }

  Future<Existing> byIdempotencyKey(SqlClient client, String key) {
    return client.preparedQuery(SELECT_BY_IDEMPOTENCY_KEY).execute(Tuple.of(key)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Existing(row.getUUID("id"), row.getString("status"), row.getString("request_hash"));
    });
  }

  Future<List<Claimed>> claim(SqlClient client, int batch, long leaseMs) {
    return client.preparedQuery(CLAIM_DUE).execute(Tuple.of(batch, leaseMs)).map(rows -> {
      List<Claimed> out = new ArrayList<>(rows.size());
      for (Row row : rows) {
        out.add(new Claimed(row.getUUID("id"), Arrays.asList(row.getArrayOfStrings("recipients")),
            row.getString("subject"), row.getString("html"), row.getString("text"), row.getInteger("attempts")));
      }
      return out;
    });
  }

  /** Records a failed attempt; the resulting status, or null when the row moved on meanwhile. */
  Future<String> markFailedAttempt(SqlClient client, Claimed claimed, boolean permanent, int maxAttempts,
      long backoffMs, String error) {
    return client.preparedQuery(MARK_FAILED_ATTEMPT)
        .execute(Tuple.of(claimed.id(), claimed.attempts(), permanent, maxAttempts, backoffMs, error))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("status"));
  }

  /** Up to {@code limit} entries older than the cursor position (null: from the newest). */
  Future<List<EmailEntry>> list(SqlClient client, String status, String to, LogCursor after, int limit) {
    return client.preparedQuery(LIST_EMAILS)
        .execute(Tuple.of(status, to, after == null ? null : after.createdAt(), after == null ? null : after.id(), limit))
        .map(EmailRepository::entries);
  }

  private static List<EmailEntry> entries(RowSet<Row> rows) {
    List<EmailEntry> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      out.add(new EmailEntry(row.getUUID("id"), Arrays.asList(row.getArrayOfStrings("recipients")),
          row.getString("subject"), row.getString("template"), row.getString("locale"), row.getString("status"),
          row.getInteger("attempts"), row.getString("last_error"), row.getOffsetDateTime("created_at"),
          row.getOffsetDateTime("sent_at")));
    }
    return out;
  }
}

package mercato.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import mercato.platform.ids.Ids;

/**
 * The notification schema's notifications, subscriptions and channel attempts: SQL as
 * constants, explicit row mappers. Methods that take a connection run inside the caller's
 * transaction; the others use the pool.
 */
final class NotificationRepository {
  private static final String INSERT_NOTIFICATION = """
      INSERT INTO notifications (id, account_id, topic, subject, title, body, data, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """;
  // The account's subscriptions that route this notification beyond in-app: the whole
  // topic ('') or this subject. One target per channel and address: a topic-wide and a
  // narrow subscription to the same address send once (the narrow one wins).
  private static final String SELECT_TARGETS = """
      SELECT DISTINCT ON (channel, coalesce(url, email, ''))
             id, account_id, topic, channel, subject, url, secret, email, created_at
        FROM subscriptions
       WHERE account_id = $1 AND topic = $2 AND channel <> 'in-app' AND (subject = '' OR subject = $3)
       ORDER BY channel, coalesce(url, email, ''), subject DESC
      """;
  // Who asked for a topic about one thing (a product, an order): a subscription to the
  // whole topic or to that subject, on any channel. Unsubscribing deletes the row.
  private static final String SELECT_SUBSCRIBERS = """
      SELECT DISTINCT account_id FROM subscriptions
       WHERE topic = $1 AND (subject = '' OR subject = $2)
       ORDER BY account_id
      """;
  private static final String SELECT_SUBSCRIBED = """
      SELECT 1 FROM subscriptions
       WHERE account_id = $1 AND topic = $2 AND (subject = '' OR subject = $3)
       LIMIT 1
      """;
  private static final String INSERT_ATTEMPT = """
      INSERT INTO channel_attempts (notification_id, account_id, channel, target, status, detail)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT DO NOTHING
      """;
  // Re-subscribing updates the target; a webhook keeps its secret unless a new one is given.
  // (xmax = 0) tells a fresh row from an updated one.
  private static final String UPSERT_SUBSCRIPTION = """
      INSERT INTO subscriptions AS s (id, account_id, topic, channel, subject, url, secret, email)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (account_id, topic, channel, subject) DO UPDATE
         SET url = EXCLUDED.url,
             secret = coalesce($9, s.secret),
             email = EXCLUDED.email,
             updated_at = now()
      RETURNING id, account_id, topic, channel, subject, url, secret, email, created_at, (xmax = 0) AS inserted
      """;
  // Pending deliveries of a removed webhook subscription are given up in the same statement.
  private static final String DELETE_SUBSCRIPTION = """
      WITH gone AS (
        DELETE FROM subscriptions
         WHERE account_id = $1 AND topic = $2 AND channel = $3 AND subject = $4
        RETURNING id)
      UPDATE webhook_deliveries d
         SET status = 'failed', last_error = 'unsubscribed', locked_until = NULL, finished_at = now()
        FROM gone
       WHERE d.subscription_id = gone.id AND d.status = 'pending'
      """;
  private static final String SELECT_SUBSCRIPTIONS = """
      SELECT id, account_id, topic, channel, subject, url, secret, email, created_at
        FROM subscriptions
       WHERE account_id = $1
       ORDER BY topic, channel, subject
       LIMIT 500
      """;
  private static final String SELECT_PAGE = """
      SELECT id, account_id, topic, subject, title, body, data, created_at, read_at
        FROM notifications
       WHERE account_id = $1
         AND ($2::uuid IS NULL OR id < $2::uuid)
         AND (NOT $3::boolean OR read_at IS NULL)
       ORDER BY id DESC
       LIMIT $4
      """;
  private static final String COUNT_UNREAD = """
      SELECT count(*) AS unread FROM notifications WHERE account_id = $1 AND read_at IS NULL
      """;
  private static final String MARK_READ = """
      UPDATE notifications SET read_at = now()
       WHERE account_id = $1 AND id = ANY($2) AND read_at IS NULL
      """;
  private static final String MARK_ALL_READ = """
      UPDATE notifications SET read_at = now() WHERE account_id = $1 AND read_at IS NULL
      """;
  // Data-modifying CTEs all run to completion, referenced or not: one round trip erases all.
  private static final String ERASE_ACCOUNT = """
      WITH subscriptions_gone AS (DELETE FROM subscriptions WHERE account_id = $1),
           notifications_gone AS (DELETE FROM notifications WHERE account_id = $1),
           deliveries_gone AS (DELETE FROM webhook_deliveries WHERE account_id = $1),
           endpoints_gone AS (DELETE FROM webhook_endpoints WHERE account_id = $1)
      DELETE FROM channel_attempts WHERE account_id = $1
      """;

  /** A stored subscription and whether this call created it. */
  record Upserted(Subscription subscription, boolean inserted) {}

  private final Pool pool;

  NotificationRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Void> insert(SqlConnection tx, Notification n) {
    return tx.preparedQuery(INSERT_NOTIFICATION)
        .execute(Tuple.from(Arrays.asList(n.id(), n.accountId(), n.topic(), subjectOrNull(n.subject()), n.title(),
            n.body(), n.data(), n.createdAt())))
        .mapEmpty();
  }

  /** The subscriptions beyond in-app that {@code n} goes to. */
  Future<List<Subscription>> targets(SqlConnection tx, Notification n) {
    return tx.preparedQuery(SELECT_TARGETS)
        .execute(Tuple.of(n.accountId(), n.topic(), n.subject() == null ? "" : n.subject()))
        .map(rows -> {
          List<Subscription> out = new ArrayList<>(rows.size());
          rows.forEach(row -> out.add(subscription(row)));
          return out;
        });
  }

  /** The accounts subscribed to {@code topic} for {@code subject} (or the whole topic). */
  Future<List<UUID>> subscribers(SqlConnection tx, String topic, String subject) {
    return tx.preparedQuery(SELECT_SUBSCRIBERS).execute(Tuple.of(topic, subject)).map(rows -> {
      List<UUID> out = new ArrayList<>(rows.size());
      rows.forEach(row -> out.add(row.getUUID("account_id")));
      return out;
    });
  }

  /** Whether {@code account} is subscribed to {@code topic} for {@code subject} (or the whole topic). */
  Future<Boolean> subscribed(SqlConnection tx, UUID account, String topic, String subject) {
    return tx.preparedQuery(SELECT_SUBSCRIBED).execute(Tuple.of(account, topic, subject)).map(rows -> rows.size() > 0);
  }

  Future<Void> recordAttempt(SqlConnection tx, Notification n, String channel, String target, String status,
      String detail) {
    return tx.preparedQuery(INSERT_ATTEMPT)
        .execute(Tuple.of(n.id(), n.accountId(), channel, target == null ? "" : target, status, detail))
        .mapEmpty();
  }

  /**
   * Stores the subscription; {@code newSecret} is the secret of a new webhook row,
   * {@code givenSecret} (or null) replaces the secret of an existing one.
   */
  Future<Upserted> upsert(UUID accountId, NotificationRules.SubscribeRequest request, String newSecret,
      String givenSecret) {
    return pool.preparedQuery(UPSERT_SUBSCRIPTION)
        .execute(Tuple.from(Arrays.asList(Ids.uuid7(), accountId, request.topic(),
            request.channel(), request.subject() == null ? "" : request.subject(), request.url(), newSecret,
            request.email(), givenSecret)))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Upserted(subscription(row), row.getBoolean("inserted"));
        });
  }

  Future<Void> delete(UUID accountId, NotificationRules.UnsubscribeRequest request) {
    return pool.preparedQuery(DELETE_SUBSCRIPTION)
        .execute(Tuple.of(accountId, request.topic(), request.channel(),
            request.subject() == null ? "" : request.subject()))
        .mapEmpty();
  }

  /** An account's subscriptions (at most 500: topics x channels x subjects of one person). */
  Future<List<Subscription>> subscriptions(UUID accountId) {
    return pool.preparedQuery(SELECT_SUBSCRIPTIONS).execute(Tuple.of(accountId)).map(rows -> {
      List<Subscription> out = new ArrayList<>(rows.size());
      rows.forEach(row -> out.add(subscription(row)));
      return out;
    });
  }

  /** One page, newest first; asks for one row more than the page to know whether another follows. */
  Future<List<Notification>> page(UUID accountId, NotificationRules.Page page) {
    return pool.preparedQuery(SELECT_PAGE)
        .execute(Tuple.of(accountId, page.cursor(), page.unreadOnly(), page.limit() + 1))
        .map(rows -> {
          List<Notification> out = new ArrayList<>(rows.size());
          rows.forEach(row -> out.add(notification(row)));
          return out;
        });
  }

  Future<Long> unreadCount(SqlClient client, UUID accountId) {
    return client.preparedQuery(COUNT_UNREAD).execute(Tuple.of(accountId))
        .map(rows -> rows.iterator().next().getLong("unread"));
  }

  /** Marks the caller's own notifications among {@code ids} read; others' ids change nothing. */
  Future<Integer> markRead(SqlConnection tx, UUID accountId, List<UUID> ids) {
    return tx.preparedQuery(MARK_READ)
        .execute(Tuple.tuple().addUUID(accountId).addArrayOfUUID(ids.toArray(UUID[]::new)))
        .map(rows -> rows.rowCount());
  }

  Future<Integer> markAllRead(SqlConnection tx, UUID accountId) {
    return tx.preparedQuery(MARK_ALL_READ).execute(Tuple.of(accountId)).map(rows -> rows.rowCount());
  }

  Future<Void> erase(SqlConnection tx, UUID accountId) {
    return tx.preparedQuery(ERASE_ACCOUNT).execute(Tuple.of(accountId)).mapEmpty();
  }

  private static String subjectOrNull(String subject) {
    return subject == null || subject.isEmpty() ? null : subject;
  }

  static Notification notification(Row row) {
    return new Notification(
        row.getUUID("id"),
        row.getUUID("account_id"),
        row.getString("topic"),
        row.getString("subject"),
        row.getString("title"),
        row.getString("body"),
        row.getJsonObject("data"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("read_at"));
  }

  static Subscription subscription(Row row) {
    String subject = row.getString("subject");
    return new Subscription(
        row.getUUID("id"),
        row.getUUID("account_id"),
        row.getString("topic"),
        row.getString("channel"),
        subject == null || subject.isEmpty() ? null : subject,
        row.getString("url"),
        row.getString("secret"),
        row.getString("email"),
        row.getOffsetDateTime("created_at"));
  }
}

package mercato.cart;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mercato.platform.ids.Ids;

/** SQL of the cart schema. Every method takes the client (pool or transaction) to run on. */
final class CartRepository {
  record Line(UUID id, UUID productId, int quantity) {}

  static final String BY_ACCOUNT = "SELECT cart_id FROM carts WHERE account_id = $1";
  static final String BY_TOKEN = "SELECT cart_id FROM carts WHERE token_hash = $1";
  // Concurrent first adds of one customer meet on the unique account_id; both end with the one cart.
  static final String CREATE_FOR_ACCOUNT = """
      INSERT INTO carts (cart_id, account_id) VALUES ($1, $2)
      ON CONFLICT (account_id) DO UPDATE SET updated_at = now()
      RETURNING cart_id
      """;
  static final String CREATE_FOR_TOKEN = "INSERT INTO carts (cart_id, token_hash) VALUES ($1, $2) RETURNING cart_id";
  static final String LOCK = "SELECT cart_id FROM carts WHERE cart_id = $1 FOR UPDATE";
  // Last click wins: every add that carries a referral code ($2) replaces the one before.
  static final String TOUCH = """
      UPDATE carts SET updated_at = now(), referral_code = coalesce($2, referral_code),
             referral_at = CASE WHEN $2 IS NULL THEN referral_at ELSE now() END
       WHERE cart_id = $1
      """;
  // Null when none was given or it is older than the window.
  static final String REFERRAL = """
      SELECT referral_code FROM carts
       WHERE cart_id = $1 AND referral_at >= now() - $2 * interval '1 hour'
      """;
  // On merge the guest cart's code wins when it was given later than the customer's.
  static final String TAKE_GUEST_REFERRAL = """
      UPDATE carts SET referral_code = g.referral_code, referral_at = g.referral_at
        FROM carts g
       WHERE carts.cart_id = $1 AND g.token_hash = $2 AND g.referral_at IS NOT NULL
         AND (carts.referral_at IS NULL OR g.referral_at > carts.referral_at)
      """;
  static final String LINES = """
      SELECT line_id, product_id, quantity FROM cart_lines WHERE cart_id = $1 ORDER BY added_at, line_id
      """;
  // The cart row locked and its lines read in one round trip (an empty cart gives one row of nulls).
  static final String LOCKED_LINES = """
      SELECT l.line_id, l.product_id, l.quantity
        FROM carts c LEFT JOIN cart_lines l ON l.cart_id = c.cart_id
       WHERE c.cart_id = $1
       ORDER BY l.added_at, l.line_id
         FOR UPDATE OF c
      """;
  static final String UPSERT_LINE = """
      INSERT INTO cart_lines (line_id, cart_id, product_id, quantity) VALUES ($1, $2, $3, $4)
      ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = $4
      """;
  static final String SET_QUANTITY = "UPDATE cart_lines SET quantity = $3 WHERE cart_id = $1 AND line_id = $2";
  static final String DELETE_LINE = "DELETE FROM cart_lines WHERE cart_id = $1 AND line_id = $2";
  static final String EMPTY = "DELETE FROM cart_lines WHERE cart_id = $1";
  // Taking the guest cart's lines and the cart in one statement pair makes a merge happen once:
  // a concurrent merge waits on the row locks and then finds nothing.
  static final String TAKE_GUEST = "DELETE FROM carts WHERE token_hash = $1 RETURNING cart_id";
  static final String TAKE_GUEST_LINES = """
      DELETE FROM cart_lines WHERE cart_id = (SELECT cart_id FROM carts WHERE token_hash = $1)
      RETURNING line_id, product_id, quantity, added_at
      """;
  // One statement: safe with several nodes sweeping at once.
  static final String SWEEP = "DELETE FROM carts WHERE updated_at < now() - $1 * interval '1 hour'";

  private CartRepository() {}

  static Future<UUID> find(SqlClient db, String sql, Object key) {
    return db.preparedQuery(sql).execute(Tuple.of(key))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("cart_id"));
  }

  static Future<UUID> createForAccount(SqlClient db, UUID accountId) {
    return db.preparedQuery(CREATE_FOR_ACCOUNT).execute(Tuple.of(Ids.uuid7(), accountId))
        .map(rows -> rows.iterator().next().getUUID("cart_id"));
  }

  static Future<UUID> createForToken(SqlClient db, String tokenHash) {
    return db.preparedQuery(CREATE_FOR_TOKEN).execute(Tuple.of(Ids.uuid7(), tokenHash))
        .map(rows -> rows.iterator().next().getUUID("cart_id"));
  }

  static Future<Void> lock(SqlClient db, UUID cartId) {
    return db.preparedQuery(LOCK).execute(Tuple.of(cartId)).mapEmpty();
  }

  /** The cart's referral code if it was given within {@code windowHours}, else null. */
  static Future<String> referral(SqlClient db, UUID cartId, int windowHours) {
    if (cartId == null) {
      return Future.succeededFuture();
    }
    return db.preparedQuery(REFERRAL).execute(Tuple.of(cartId, windowHours))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("referral_code"));
  }

  static Future<Void> touch(SqlClient db, UUID cartId) {
    return touch(db, cartId, null);
  }

  /** Marks the cart as used now and, when {@code referralCode} is not null, records that click. */
  static Future<Void> touch(SqlClient db, UUID cartId, String referralCode) {
    return db.preparedQuery(TOUCH).execute(Tuple.of(cartId, referralCode)).mapEmpty();
  }

  /** Locks the cart (call inside a transaction) and reads its lines in the order they were added. */
  static Future<List<Line>> lockedLines(SqlClient db, UUID cartId) {
    return db.preparedQuery(LOCKED_LINES).execute(Tuple.of(cartId)).map(rows -> {
      List<Line> lines = new ArrayList<>();
      rows.forEach(row -> {
        if (row.getUUID("line_id") != null) {
          lines.add(line(row));
        }
      });
      return lines;
    });
  }

  static Future<List<Line>> lines(SqlClient db, UUID cartId) {
    if (cartId == null) {
      return Future.succeededFuture(List.of());
    }
    return db.preparedQuery(LINES).execute(Tuple.of(cartId)).map(rows -> {
      List<Line> lines = new ArrayList<>();
      rows.forEach(row -> lines.add(line(row)));
      return lines;
    });
  }

  /** Sets the product's line to {@code line.quantity()}, making it with {@code line.id()} when there is none. */
  static Future<Void> put(SqlClient db, UUID cartId, Line line) {
    return db.preparedQuery(UPSERT_LINE).execute(Tuple.of(line.id(), cartId, line.productId(), line.quantity())).mapEmpty();
  }

  static Future<Void> setQuantity(SqlClient db, UUID cartId, UUID lineId, int quantity) {
    return db.preparedQuery(SET_QUANTITY).execute(Tuple.of(cartId, lineId, quantity)).mapEmpty();
  }

  static Future<Void> delete(SqlClient db, UUID cartId, UUID lineId) {
    return db.preparedQuery(DELETE_LINE).execute(Tuple.of(cartId, lineId)).mapEmpty();
  }

  static Future<Void> empty(SqlClient db, UUID cartId) {
    return db.preparedQuery(EMPTY).execute(Tuple.of(cartId)).compose(v -> touch(db, cartId));
  }

  /**
   * Removes the guest cart and returns its lines in the order they were added; its referral
   * code moves to cart {@code into} when it is the later click.
   */
  static Future<List<Line>> takeGuest(SqlClient db, UUID into, String tokenHash) {
    return db.preparedQuery(TAKE_GUEST_REFERRAL).execute(Tuple.of(into, tokenHash))
        .compose(v -> db.preparedQuery(TAKE_GUEST_LINES).execute(Tuple.of(tokenHash))).compose(rows -> {
      List<Row> sorted = new ArrayList<>();
      rows.forEach(sorted::add);
      sorted.sort((a, b) -> a.getOffsetDateTime("added_at").compareTo(b.getOffsetDateTime("added_at")));
      List<Line> lines = sorted.stream().map(CartRepository::line).toList();
      return db.preparedQuery(TAKE_GUEST).execute(Tuple.of(tokenHash)).map(lines);
    });
  }

  static Future<Integer> sweep(SqlClient db, int abandonAfterHours) {
    return db.preparedQuery(SWEEP).execute(Tuple.of(abandonAfterHours)).map(rows -> rows.rowCount());
  }

  private static Line line(Row row) {
    return new Line(row.getUUID("line_id"), row.getUUID("product_id"), row.getInteger("quantity"));
  }
}

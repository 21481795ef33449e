package mercato.review;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** SQL of the reviews table. Every method takes the client (pool or transaction) to run on. */
final class ReviewRepository {
  static final String COLUMNS = """
      id, author_id, product_id, company_id, rating, title, body, verified_purchase, status, created_at, updated_at""";
  static final String INSERT = """
      INSERT INTO reviews (id, author_id, product_id, company_id, rating, title, body, verified_purchase)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      RETURNING\s""" + COLUMNS;
  static final String SELECT = "SELECT " + COLUMNS + " FROM reviews WHERE id = $1";
  static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";
  static final String EDIT = """
      UPDATE reviews SET rating = coalesce($2, rating), title = coalesce($3, title), body = coalesce($4, body),
                         verified_purchase = verified_purchase OR $5, updated_at = now()
       WHERE id = $1
      RETURNING\s""" + COLUMNS;
  static final String MODERATE = """
      UPDATE reviews SET status = $2, moderated_by = $3, moderated_at = now(), updated_at = now()
       WHERE id = $1
      RETURNING\s""" + COLUMNS;
  static final String DELETE = "DELETE FROM reviews WHERE id = $1 RETURNING " + COLUMNS;

  /** Unique indexes whose violation means the customer already reviewed the target. */
  static final List<String> ONE_PER_TARGET = List.of("reviews_one_per_product", "reviews_one_per_company");

  private ReviewRepository() {}

  static Future<Review> insert(SqlClient tx, Review review) {
    return tx.preparedQuery(INSERT).execute(Tuple.tuple()
            .addValue(review.id())
            .addValue(review.authorId())
            .addValue(review.productId())
            .addValue(review.companyId())
            .addValue((short) review.rating())
            .addValue(review.title())
            .addValue(review.text())
            .addValue(review.verifiedPurchase()))
        .map(ReviewRepository::single);
  }

  static Future<Review> find(SqlClient db, UUID id, boolean forUpdate) {
    return db.preparedQuery(forUpdate ? SELECT_FOR_UPDATE : SELECT).execute(Tuple.of(id)).map(ReviewRepository::single);
  }

  static Future<Review> edit(SqlClient tx, UUID id, ReviewRules.Edit edit, boolean verified) {
    return tx.preparedQuery(EDIT).execute(Tuple.tuple()
            .addValue(id)
            .addValue(edit.rating() == null ? null : edit.rating().shortValue())
            .addValue(edit.title())
            .addValue(edit.text())
            .addValue(verified))
        .map(ReviewRepository::single);
  }

  static Future<Review> moderate(SqlClient tx, UUID id, String status, UUID admin) {
    return tx.preparedQuery(MODERATE).execute(Tuple.of(id, status, admin)).map(ReviewRepository::single);
  }

  static Future<Review> delete(SqlClient tx, UUID id) {
    return tx.preparedQuery(DELETE).execute(Tuple.of(id)).map(ReviewRepository::single);
  }

  static Future<List<Review>> list(SqlClient db, ReviewListing listing) {
    return db.preparedQuery(listing.sql()).execute(listing.params()).map(rows -> {
      List<Review> out = new ArrayList<>(rows.size());
      rows.forEach(row -> out.add(Review.from(row)));
      return out;
    });
  }

  private static Review single(RowSet<Row> rows) {
    return rows.size() == 0 ? null : Review.from(rows.iterator().next());
  }
}

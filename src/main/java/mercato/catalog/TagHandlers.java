package mercato.catalog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import mercato.platform.db.ReadPools;
import io.vertx.sqlclient.Tuple;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;

/**
 * The tags admins curate (or holders of catalog:tags), each with how many live active
 * products carry it. Products may carry any well-formed tag; this list is what a
 * storefront offers for browsing. Deleting a tag leaves products' tags as they are.
 */
final class TagHandlers {
  static final String SELECT_WITH_COUNTS = """
      SELECT t.name, count(p.id) AS products
        FROM tags t
        LEFT JOIN products p ON p.tags @> ARRAY[t.name] AND p.deleted_at IS NULL AND p.status = 'active'
       GROUP BY t.name
       ORDER BY t.name
      """;
  static final String INSERT = "INSERT INTO tags (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING name";
  static final String DELETE = "DELETE FROM tags WHERE name = $1 RETURNING name";

  private final Pool pool;
  private final ReadPools reads;

  TagHandlers(Pool pool, ReadPools reads) {
    this.pool = pool;
    this.reads = reads;
  }

  Future<?> list(Envelope envelope) {
    return reads.read(envelope, from -> from.preparedQuery(SELECT_WITH_COUNTS).execute()).map(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(row -> items.add(new JsonObject().put("name", row.getString("name"))
          .put("products", row.getLong("products"))));
      return new JsonObject().put("items", items);
    });
  }

  Future<?> create(Envelope envelope) {
    Object name = envelope.bodyObject().getValue("name");
    if (!(name instanceof String tag) || !ProductRules.isTag(tag)) {
      throw Problem.invalidField("/name", "must be a lowercase slug of 1 to " + ProductRules.MAX_TAG + " characters");
    }
    return pool.preparedQuery(INSERT).execute(Tuple.of(tag)).map(rows -> {
      if (rows.size() == 0) {
        throw new Problem(ProblemType.CONFLICT, "The tag exists already.");
      }
      return new JsonObject().put("name", tag).put("products", 0);
    });
  }

  Future<?> delete(Envelope envelope) {
    String tag = envelope.params().getString("tag");
    return pool.preparedQuery(DELETE).execute(Tuple.of(tag)).map(rows -> {
      if (rows.size() == 0) {
        throw Problem.notFound("No such tag.");
      }
      return null;
    });
  }
}

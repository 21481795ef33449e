package mercato.catalog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import mercato.platform.db.ReadPools;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.catalog.api.CatalogEvents;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.db.Sql;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.ids.Ids;

/** The category tree: read by anyone, changed by admins (or the catalog:categories permission). */
final class CategoryHandlers {
  private final Pool pool;
  private final ReadPools reads;
  private final Outbox outbox;

  CategoryHandlers(Pool pool, ReadPools reads, Outbox outbox) {
    this.pool = pool;
    this.reads = reads;
    this.outbox = outbox;
  }

  /** The whole tree: roots, each with its children, sorted by name. */
  Future<?> list(Envelope envelope) {
    return reads.read(envelope, CategoryRepository::all).map(rows -> new JsonObject().put("items", tree(rows)));
  }

  Future<?> create(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    String name = Fields.text(body, "name", 100);
    String slug = slug(body, name);
    UUID parent = parent(body);
    return CategoryRepository.insert(pool, Ids.uuid7(), parent, name, slug)
        .recover(failure -> Future.failedFuture(conflict(failure)))
        .map(created -> created);
  }

  /** Renames or moves a category; moving it under itself or one of its descendants is refused. */
  Future<?> update(Envelope envelope) {
    UUID id = Fields.pathId(envelope, "category_id");
    JsonObject body = envelope.bodyObject();
    return pool.withTransaction(tx -> CategoryRepository.findForUpdate(tx, id).compose(current -> {
          if (current == null) {
            throw Problem.notFound("No such category.");
          }
          String name = body.containsKey("name") ? Fields.text(body, "name", 100) : current.getString("name");
          String slug = body.containsKey("slug") ? slug(body, name) : current.getString("slug");
          UUID parent = body.containsKey("parentId") ? parent(body) : Ids.parse(current.getString("parentId"));
          Future<Boolean> cycle = parent == null ? Future.succeededFuture(false)
              : CategoryRepository.inSubtree(tx, id, parent);
          return cycle.compose(inside -> {
            if (inside) {
              throw Problem.invalidField("/parentId", "must not be the category itself or one of its descendants");
            }
            // Readers that copied the trail into their products (search) follow renames and moves.
            return CategoryRepository.update(tx, id, parent, name, slug).compose(updated ->
                ProductRepository.trail(tx, id).compose(trail -> {
                  JsonObject data = new JsonObject().put("categoryId", id.toString())
                      .put("parentId", updated.getString("parentId")).put("name", updated.getString("name"));
                  trail.into(data);
                  data.remove("categoryName");
                  return outbox.append(tx, Event.of(CatalogEvents.CATEGORY_UPDATED, id.toString(), data)).map(updated);
                }));
          });
        }))
        .recover(failure -> Future.failedFuture(conflict(failure)));
  }

  /** Refused with 409 while the category has children or products. */
  Future<?> delete(Envelope envelope) {
    UUID id = Fields.pathId(envelope, "category_id");
    return CategoryRepository.deleteIfEmpty(pool, id)
        .recover(failure -> Sql.isForeignKeyViolation(failure)
            ? Future.succeededFuture(false) : Future.failedFuture(failure))
        .compose(deleted -> deleted ? Future.succeededFuture()
            : CategoryRepository.exists(pool, id).map(exists -> {
              if (!exists) {
                throw Problem.notFound("No such category.");
              }
              throw new Problem(ProblemType.CONFLICT, "The category still has subcategories or products.");
            }));
  }

  static JsonArray tree(List<JsonObject> rows) {
    Map<String, JsonObject> byId = new LinkedHashMap<>();
    rows.forEach(row -> byId.put(row.getString("id"), row.copy().put("children", new JsonArray())));
    JsonArray roots = new JsonArray();
    byId.values().forEach(node -> {
      JsonObject parent = node.getString("parentId") == null ? null : byId.get(node.getString("parentId"));
      (parent == null ? roots : parent.getJsonArray("children")).add(node);
    });
    return roots;
  }

  private static String slug(JsonObject body, String name) {
    if (body.getValue("slug") == null) {
      return ProductRules.slugOf(name);
    }
    String slug = Fields.text(body, "slug", 100);
    if (!ProductRules.SLUG.matcher(slug).matches()) {
      throw Problem.invalidField("/slug", "must be lowercase letters and digits separated by single hyphens");
    }
    return slug;
  }

  private static UUID parent(JsonObject body) {
    Object value = body.getValue("parentId");
    if (value == null) {
      return null;
    }
    UUID id = value instanceof String text ? Ids.parse(text) : null;
    if (id == null) {
      throw Problem.invalidField("/parentId", "must be a category id");
    }
    return id;
  }

  private static Throwable conflict(Throwable failure) {
    if (Sql.isUniqueViolation(failure)) {
      return new Problem(ProblemType.CONFLICT, "A sibling category already has this slug.",
          List.of(new Problem.FieldError("/slug", "is already used under this parent")), null);
    }
    if (Sql.isForeignKeyViolation(failure)) {
      return Problem.invalidField("/parentId", "is not a known category");
    }
    return failure;
  }
}

package mercato.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The ancestry of a product's category, root first: ids and names side by side. It rides
 * in the product snapshot so a reader (search) can filter by a category with its
 * descendants and index the category names without asking the catalog.
 */
record CategoryTrail(List<UUID> ids, List<String> names) {
  static final CategoryTrail NONE = new CategoryTrail(List.of(), List.of());

  /** The trail of the row's {@code path} and {@code names} columns (null: no category). */
  static CategoryTrail from(Row row) {
    UUID[] ids = row.getArrayOfUUIDs("path");
    String[] names = row.getArrayOfStrings("names");
    return ids == null || names == null ? NONE : new CategoryTrail(Arrays.asList(ids), Arrays.asList(names));
  }

  void into(JsonObject snapshot) {
    snapshot.put("categoryPath", new JsonArray(ids.stream().map(UUID::toString).toList()))
        .put("categoryNames", new JsonArray(names))
        .put("categoryName", names.isEmpty() ? null : names.get(names.size() - 1));
  }
}

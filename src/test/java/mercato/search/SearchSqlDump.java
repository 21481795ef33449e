package mercato.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import mercato.platform.bus.Envelope;
import mercato.platform.config.ConfigLoader;
import mercato.platform.config.MercatoConfig;

/**
 * For the benchmark's C-read ceiling of the search scenario: writes, for one query text, the
 * exact two statements a search runs (the page and the facet counts) as a pgbench script,
 * with every bind parameter as a pgbench variable ({@code FILE.vars}: one NAME=VALUE per line, for
 * {@code pgbench -D}). {@code java -cp ... mercato.search.SearchSqlDump WORD FILE [PREFIX]} (the shipped
 * configuration).
 */
public final class SearchSqlDump {
  private SearchSqlDump() {}

  public static void main(String[] args) throws Exception {
    MercatoConfig config = MercatoConfig.read(ConfigLoader.load(null, new java.util.Properties(), java.util.Map.of()));
    SearchConfig search = SearchConfig.read(config.section("search"));
    JsonObject query = new JsonObject().put("q", args[0]).put("limit", "20");
    SearchRequest request = SearchRequest.of(new Envelope(null, new JsonObject(), query, null, null, "bench",
        new JsonObject(), null), search, config.http().maxPageSize());
    StringBuilder script = new StringBuilder();
    StringBuilder defines = new StringBuilder();
    String prefix = args.length > 2 ? args[2] : "v";
    int[] next = {0};
    for (SearchSql sql : new SearchSql[] {SearchSql.page(request, false),
        SearchSql.facets(request, false, search.priceBuckets(), search.sellerFacetSize())}) {
      Tuple params = sql.params();
      String text = sql.sql();
      for (int i = params.size(); i >= 1; i--) {
        int n = ++next[0];
        Object value = params.getValue(i - 1);
        String literal = value instanceof Object[] array ? "{" + String.join(",", java.util.Arrays.stream(array)
            .map(String::valueOf).toList()) + "}" : String.valueOf(value);
        if (value instanceof java.util.List<?> || value instanceof JsonArray) {
          literal = "{" + String.join(",", ((Iterable<?>) value).toString().replaceAll("[\\[\\] ]", "")) + "}";
        }
        defines.append(prefix).append(n).append('=').append(literal).append('\n');
        text = text.replace("$" + i, ":" + prefix + n);
      }
      script.append(text.replace("\n", " ").trim()).append(";\n");
    }
    Files.writeString(Path.of(args[1]), script.toString());
    Files.writeString(Path.of(args[1] + ".vars"), defines.toString());
  }
}

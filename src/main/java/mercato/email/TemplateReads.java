package mercato.email;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Pages;
import mercato.platform.bus.Problem;
import mercato.platform.bus.QueryParams;

/**
 * Admins read templates: {@code GET /email/templates} lists them (by name, then locale,
 * filtered by name and locale, keyset-paged with a {@code name.locale} cursor) and
 * {@code GET /email/template?name=&locale=} reads one exactly as stored, sources included.
 */
final class TemplateReads {
  static final int DEFAULT_PAGE = 20;
  private static final String LIST = """
      SELECT name, locale, subject, html, text, edited, created_at, updated_at
        FROM template
       WHERE ($1::text IS NULL OR name = $1) AND ($2::text IS NULL OR locale = $2)
         AND ($3::text IS NULL OR (name, locale) > ($3, $4))
       ORDER BY name, locale
       LIMIT $5
      """;
  private static final String ONE = """
      SELECT name, locale, subject, html, text, edited, created_at, updated_at
        FROM template WHERE name = $1 AND locale = $2
      """;

  private final Pool pool;
  private final String defaultLocale;
  private final int maxPageSize;

  TemplateReads(Pool pool, String defaultLocale, int maxPageSize) {
    this.pool = pool;
    this.defaultLocale = defaultLocale;
    this.maxPageSize = maxPageSize;
  }

  /** {items: [{name, locale, subject, edited, createdAt, updatedAt}], nextCursor}; sources are read one by one. */
  Future<?> list(Envelope envelope) {
    JsonObject query = envelope.query();
    int limit = Pages.limit(envelope, DEFAULT_PAGE, maxPageSize);
    String name = name(query);
    String locale = locale(query, null);
    String[] after = cursor(query);
    return pool.preparedQuery(LIST)
        .execute(Tuple.from(Arrays.asList(name, locale, after[0], after[1], limit + 1)))
        .map(rows -> {
          List<Template> found = new ArrayList<>();
          for (Row row : rows) {
            found.add(TemplateRepository.template(row));
          }
          JsonArray items = new JsonArray();
          found.stream().limit(limit).forEach(t -> items.add(summary(t)));
          Template last = found.size() > limit ? found.get(limit - 1) : null;
          return new JsonObject().put("items", items)
              .put("nextCursor", last == null ? null : last.name() + "." + last.locale());
        });
  }

  /** One template in one locale (default: {@code email.defaultLocale}), no fallback: 404 when not stored. */
  Future<?> get(Envelope envelope) {
    JsonObject query = envelope.query();
    String name = name(query);
    if (name == null) {
      throw Problem.invalidField("/name", "is required");
    }
    String locale = locale(query, defaultLocale);
    return pool.preparedQuery(ONE).execute(Tuple.of(name, locale)).map(rows -> {
      if (rows.size() == 0) {
        throw Problem.notFound("No template " + name + " in " + locale + ".");
      }
      return TemplateRepository.template(rows.iterator().next()).toJson();
    });
  }

  private static JsonObject summary(Template t) {
    JsonObject json = t.toJson();
    json.remove("html");
    json.remove("text");
    return json;
  }

  private static String name(JsonObject query) {
    String name = QueryParams.text(query, "name");
    if (name != null && (name.length() > Template.MAX_NAME || !Template.NAME.matcher(name).matches())) {
      throw Problem.invalidField("/name", "must be lower-case words joined by hyphens");
    }
    return name;
  }

  private static String locale(JsonObject query, String fallback) {
    String text = QueryParams.text(query, "locale");
    if (text == null) {
      return fallback;
    }
    String locale = text.length() > 35 ? null : Locales.normalize(text);
    if (locale == null) {
      throw Problem.invalidField("/locale", "must be a locale such as en or pt-BR");
    }
    return locale;
  }

  /** The {@code name.locale} of the last template of the previous page; {null, null} for the first. */
  private static String[] cursor(JsonObject query) {
    String text = QueryParams.text(query, "cursor");
    if (text == null) {
      return new String[] {null, null};
    }
    int dot = text.indexOf('.');
    String name = dot < 0 ? "" : text.substring(0, dot);
    String locale = dot < 0 ? null : Locales.normalize(text.substring(dot + 1));
    if (name.length() > Template.MAX_NAME || !Template.NAME.matcher(name).matches() || locale == null) {
      throw Problem.invalidField("/cursor", "is not a cursor this list gave out");
    }
    return new String[] {name, locale};
  }
}

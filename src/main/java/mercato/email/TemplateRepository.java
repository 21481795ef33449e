package mercato.email;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The template table: find with locale fallback, save (an admin's edit), seed (Mercato's defaults). */
final class TemplateRepository {
  static final String FIND_TEMPLATE = """
      SELECT name, locale, subject, html, text, edited, created_at, updated_at
        FROM template
       WHERE name = $1 AND locale = ANY($2::text[])
      """;
  static final String SAVE_TEMPLATE = """
      INSERT INTO template (name, locale, subject, html, text, edited)
      VALUES ($1, $2, $3, $4, $5, true)
      ON CONFLICT (name, locale) DO UPDATE
         SET subject = EXCLUDED.subject, html = EXCLUDED.html, text = EXCLUDED.text,
             edited = true, updated_at = now()
      RETURNING name, locale, subject, html, text, edited, created_at, updated_at, (xmax = 0) AS inserted
      """;
  // A default is written when absent and refreshed when the release changed it, but an
  // admin's edit (edited = true) is never overwritten.
  static final String SEED_TEMPLATE = """
      INSERT INTO template (name, locale, subject, html, text, edited)
      VALUES ($1, $2, $3, $4, $5, false)
      ON CONFLICT (name, locale) DO UPDATE
         SET subject = EXCLUDED.subject, html = EXCLUDED.html, text = EXCLUDED.text, updated_at = now()
       WHERE NOT template.edited
         AND (template.subject, template.html, template.text)
             IS DISTINCT FROM (EXCLUDED.subject, EXCLUDED.html, EXCLUDED.text)
      """;

  /** What a save did: the template as stored, and whether it was new. */
  record Saved(Template template, boolean created) {}

  /** The template {@code name} in the first of {@code locales} that has it; null when none does. */
  Future<Template> find(SqlClient client, String name, List<String> locales) {
    return client.preparedQuery(FIND_TEMPLATE)
        .execute(Tuple.tuple().addString(name).addArrayOfString(locales.toArray(String[]::new)))
        .map(rows -> {
          Map<String, Template> byLocale = new HashMap<>();
          for (Row row : rows) {
            byLocale.put(row.getString("locale"), template(row));
          }
          for (String locale : locales) {
            if (byLocale.containsKey(locale)) {
              return byLocale.get(locale);
            }
          }
          return null;
        });
  }

  Future<Saved> save(SqlClient client, String name, String locale, String subject, String html, String text) {
    return client.preparedQuery(SAVE_TEMPLATE)
        .execute(Tuple.of(name, locale, subject, html, text))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Saved(template(row), row.getBoolean("inserted"));
        });
  }

  Future<Void> seed(SqlClient client, List<Template> defaults) {
    if (defaults.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>(defaults.size());
    for (Template t : defaults) {
      batch.add(Tuple.of(t.name(), t.locale(), t.subject(), t.html(), t.text()));
    }
    return client.preparedQuery(SEED_TEMPLATE).executeBatch(batch).mapEmpty();
  }

  static Template template(Row row) {
    return new Template(row.getString("name"), row.getString("locale"), row.getString("subject"),
        row.getString("html"), row.getString("text"), row.getBoolean("edited"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }
}

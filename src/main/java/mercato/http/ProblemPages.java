package mercato.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;

/**
 * The pages a problem's {@code type} URI names: {@code GET /problems/<slug>} explains that
 * type (its title, status and when it is raised), {@code GET /problems} lists them all. HTML
 * for a browser, JSON for a client that asks for it; both from the one problem table.
 */
final class ProblemPages {
  private ProblemPages() {}

  static void mount(Router router) {
    router.get("/problems").handler(ProblemPages::index);
    router.get("/problems/:slug").handler(ProblemPages::page);
  }

  private static void index(RoutingContext ctx) {
    if (wantsJson(ctx)) {
      JsonArray items = new JsonArray();
      for (ProblemType type : ProblemType.values()) {
        items.add(json(type));
      }
      send(ctx, "application/json", new JsonObject().put("items", items).encode());
      return;
    }
    StringBuilder rows = new StringBuilder();
    for (ProblemType type : ProblemType.values()) {
      rows.append("<tr><td>").append(type.status()).append("</td><td><a href=\"").append(type.uri()).append("\"><code>")
          .append(type.slug()).append("</code></a></td><td>").append(escape(type.title())).append("</td><td>")
          .append(escape(type.meaning())).append("</td></tr>\n");
    }
    send(ctx, "text/html; charset=utf-8", page("Problem types", """
        <h1>Problem types</h1>
        <p>Every error Mercato answers is an RFC 9457 <code>application/problem+json</code> body whose
        <code>type</code> is one of these.</p>
        <table><tr><th>status</th><th>type</th><th>title</th><th>when</th></tr>
        %s</table>""".formatted(rows)));
  }

  private static void page(RoutingContext ctx) {
    ProblemType type = ProblemType.bySlug(ctx.pathParam("slug"));
    if (type == null) {
      ProblemResponses.write(ctx, Problem.notFound("No such problem type."));
      return;
    }
    if (wantsJson(ctx)) {
      send(ctx, "application/json", json(type).encode());
      return;
    }
    send(ctx, "text/html; charset=utf-8", page(type.title(), """
        <h1>%s</h1>
        <p>HTTP status <b>%d</b>, type <code>%s</code></p>
        <p>%s.</p>
        <p>The body is RFC 9457 <code>application/problem+json</code>: <code>type</code>, <code>title</code>
        and <code>status</code> as above, <code>detail</code> saying what happened this time,
        <code>instance</code> (the path), <code>requestId</code> (the same id as in the
        <code>X-Request-Id</code> header and in Mercato's logs) and, for invalid input,
        <code>errors[]</code> with a JSON <code>pointer</code> and a <code>detail</code> per field.</p>
        <p><a href="/problems">All problem types</a></p>""".formatted(escape(type.title()), type.status(), type.uri(),
        escape(type.meaning().replaceAll("\\.$", "")))));
  }

  private static JsonObject json(ProblemType type) {
    return new JsonObject().put("type", type.uri()).put("title", type.title()).put("status", type.status())
        .put("meaning", type.meaning());
  }

  private static boolean wantsJson(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.contains("json") && !accept.contains("text/html");
  }

  private static String page(String title, String body) {
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>%s · Mercato</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}
        td,th{text-align:left;vertical-align:top;padding:.2rem .6rem .2rem 0}</style></head>
        <body>
        %s
        </body></html>
        """.formatted(escape(title), body);
  }

  private static void send(RoutingContext ctx, String contentType, String body) {
    ctx.response().putHeader("Content-Type", contentType).putHeader("Cache-Control", "public, max-age=3600").end(body);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

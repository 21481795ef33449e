package mercato.http;

import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import mercato.platform.ids.Ids;
import mercato.platform.logs.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a sane {@code X-Request-Id} or makes one, echoes it on the response, and writes
 * one access-log line per request with it (the same id reaches domains in the envelope).
 * The request's Vert.x context carries it too, so every line logged for it names it.
 */
final class RequestIds {
  static final String HEADER = "X-Request-Id";
  private static final String KEY = "requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Logger ACCESS = LoggerFactory.getLogger("mercato.access");

  private RequestIds() {}

  static void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && SANE.matcher(given).matches() ? given : Ids.uuid7().toString();
    ctx.put(KEY, id);
    RequestContext.enter(id);
    ctx.response().putHeader(HEADER, id);
    if (ACCESS.isInfoEnabled()) {
      long started = System.nanoTime();
      ctx.addEndHandler(done -> ACCESS.info("[{}] {} {} {} {} us", id, ctx.request().method(), ctx.request().uri(),
          ctx.response().getStatusCode(), (System.nanoTime() - started) / 1000));
    }
    ctx.next();
  }

  static String of(RoutingContext ctx) {
    return ctx.get(KEY);
  }
}

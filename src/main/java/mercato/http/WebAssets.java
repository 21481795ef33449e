package mercato.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import mercato.payment.api.StorefrontSources;

/**
 * The web client served from the jar: the storefront ({@code web/store/}) at {@code /}, the
 * consoles ({@code web/console/}) under {@code /console/}, the modules both use
 * ({@code web/shared/}) under {@code /shared/}, and webjars under
 * {@code /vendor/<name>/<version>/}. Vendor files carry their version in the path and are
 * cached for a year as immutable; our own modules keep stable names (no build step) and are
 * revalidated on every use with a strong ETag ({@code Cache-Control: no-cache}, a 304 when
 * unchanged). A page navigation (a GET that accepts HTML and asks for no JSON) to a
 * storefront page gets {@code index.html} even where the same path is an API resource
 * ({@code /products/{id}}, {@code /orders/{id}}), so the API keeps answering JSON to every
 * client that asks for it; a navigation to a path no route serves gets the page with a 404.
 * Pages carry a Content-Security-Policy that allows scripts, styles and connections to this
 * origin only; the storefront's also allow the payment origins it pays through (Stripe.js,
 * {@link StorefrontSources}, which the boot reads) in exactly the directives they need, and nothing wider.
 */
final class WebAssets {
  static final String CSP = csp(StorefrontSources.NONE);
  private static final String REVALIDATE = "no-cache";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String STORE_INDEX = "web/store/index.html";
  private static final String CONSOLE_INDEX = "web/console/index.html";
  /**
   * The storefront's pages (the routes of {@code web/store/app.js}). A navigation there gets the
   * page, never JSON, even where the API serves the same path ({@code /products}, {@code /cart}).
   */
  private static final Pattern STORE_PAGES = Pattern.compile("/|/products(/[^/]+)?|/orders(/[^/]+)?|/cart|/checkout"
      + "|/search|/sign-in|/register|/verify-email|/forgot-password|/reset-password|/account|/notifications|/preferences");
  private static final Pattern ASSET = Pattern.compile("/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*"
      + "[A-Za-z0-9_-][A-Za-z0-9._-]*\\.(js|mjs|css|svg|png|jpg|webp|ico|woff2|json|map|txt|webmanifest)");
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
      Map.entry("webp", "image/webp"), Map.entry("ico", "image/x-icon"), Map.entry("woff2", "font/woff2"),
      Map.entry("json", "application/json"), Map.entry("map", "application/json"),
      Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("webmanifest", "application/manifest+json"));
  /** Jar content never changes while the node runs: read once, shared by every edge instance. */
  private static final Map<String, Optional<Asset>> CACHE = new ConcurrentHashMap<>();

  /** One file of the jar, with its type and strong ETag. */
  private record Asset(Buffer bytes, String type, String etag) {}

  private final Vertx vertx;
  private final String storeCsp;

  private WebAssets(Vertx vertx, String storeCsp) {
    this.vertx = vertx;
    this.storeCsp = storeCsp;
  }

  /** The pages' policy, with {@code sources} added to the directives they name (frames are otherwise not allowed). */
  static String csp(StorefrontSources sources) {
    return "default-src 'self'; script-src " + sources("'self'", sources.scripts()) + "; style-src 'self';"
        + " img-src 'self' data: https:; connect-src " + sources("'self'", sources.connections()) + ";"
        + (sources.frames().isEmpty() ? "" : " frame-src " + String.join(" ", sources.frames()) + ";")
        + " font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  }

  private static String sources(String own, List<String> more) {
    return more.isEmpty() ? own : own + " " + String.join(" ", more);
  }

  /** Mounts the files and the page navigations; before the API routes, so a navigation to a storefront page wins. */
  static WebAssets mount(Vertx vertx, Router router, StorefrontSources payments) {
    WebAssets web = new WebAssets(vertx, csp(payments));
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(web::storePage);
    web.files(router, "/shared/", "web/shared/", REVALIDATE);
    web.files(router, "/vendor/", "META-INF/resources/webjars/", IMMUTABLE);
    router.route("/console/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(web::consoleFile);
    router.routeWithRegex(ASSET.pattern()).method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(ctx -> web.serve(ctx, "web/store" + ctx.normalizedPath(), REVALIDATE, 200));
    return web;
  }

  /**
   * After every other route: a navigation to a path no route serves gets the storefront page
   * with a 404 (the page says it knows no such page); a path served for other methods only
   * stays a 405; anything else falls through to the problem handler as before. {@code allowed}
   * tells which paths some route serves.
   */
  void mountFallback(Router router, AllowedMethods allowed) {
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
      String path = ctx.normalizedPath();
      String methods = allowed.on(path);
      if (!methods.isEmpty() && !methods.contains("GET")) {
        ctx.put(ProblemResponses.ALLOW, methods);
        ctx.fail(405);
      } else if (navigation(ctx.request()) && !ASSET.matcher(path).matches() && methods.isEmpty()) {
        page(ctx, STORE_INDEX, 404);
      } else {
        ctx.next();
      }
    });
  }

  private void storePage(RoutingContext ctx) {
    if (navigation(ctx.request()) && STORE_PAGES.matcher(ctx.normalizedPath()).matches()) {
      page(ctx, STORE_INDEX, 200);
    } else {
      ctx.next();
    }
  }

  private void consoleFile(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (ASSET.matcher(path).matches()) {
      serve(ctx, "web" + path, REVALIDATE, 200);
    } else if (navigation(ctx.request())) {
      page(ctx, CONSOLE_INDEX, 200);
    } else {
      ctx.next();
    }
  }

  private void files(Router router, String prefix, String root, String cacheControl) {
    router.route(prefix + "*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
      String path = ctx.normalizedPath();
      if (ASSET.matcher(path).matches()) {
        serve(ctx, root + path.substring(prefix.length()), cacheControl, 200);
      } else {
        ctx.next();
      }
    });
  }

  /** A page: never kept stale, and never stored at all when its address carries a mailed token. */
  private void page(RoutingContext ctx, String resource, int status) {
    HttpServerResponse response = ctx.response();
    boolean token = ctx.request().getParam("token") != null;
    response.putHeader("Content-Security-Policy", resource.equals(STORE_INDEX) ? storeCsp : CSP)
        .putHeader("Referrer-Policy", token ? "no-referrer" : "same-origin")
        .putHeader(HttpHeaders.VARY, "Accept");
    serve(ctx, resource, token ? "no-store" : REVALIDATE, status);
  }

  private void serve(RoutingContext ctx, String resource, String cacheControl, int status) {
    load(resource).onSuccess(found -> {
      if (found.isEmpty()) {
        ctx.next();
        return;
      }
      Asset asset = found.get();
      HttpServerResponse response = ctx.response();
      response.putHeader(HttpHeaders.CACHE_CONTROL, cacheControl).putHeader(HttpHeaders.ETAG, asset.etag());
      if (status == 200 && asset.etag().equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
        response.setStatusCode(304).end();
        return;
      }
      response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, asset.type());
      if (ctx.request().method() == HttpMethod.HEAD) {
        response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(asset.bytes().length())).end();
      } else {
        response.end(asset.bytes());
      }
    }).onFailure(ctx::fail);
  }

  private Future<Optional<Asset>> load(String resource) {
    Optional<Asset> known = CACHE.get(resource);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    // Reading a resource from the jar is file I/O: done once per file, on a worker.
    // Only files that exist are kept, so requests for made-up names cannot grow the map.
    return vertx.executeBlocking(() -> {
      Optional<Asset> asset = read(resource);
      asset.ifPresent(found -> CACHE.putIfAbsent(resource, asset));
      return asset;
    }, false);
  }

  private static Optional<Asset> read(String resource) {
    try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      String extension = resource.substring(resource.lastIndexOf('.') + 1);
      String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12) + "\"";
      return Optional.of(new Asset(Buffer.buffer(bytes), TYPES.getOrDefault(extension, "application/octet-stream"),
          etag));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A request whose {@code Origin} is this server's own address (what browsers send for same-origin modules and POSTs). */
  static boolean sameOrigin(HttpServerRequest request) {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    String host = request.getHeader(HttpHeaders.HOST);
    return origin != null && host != null && origin.equalsIgnoreCase(request.scheme() + "://" + host);
  }

  /** A browser's page navigation: it accepts HTML and asks for no JSON (API clients and our fetches send JSON). */
  static boolean navigation(HttpServerRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.contains("text/html") && !accept.contains("json");
  }
}

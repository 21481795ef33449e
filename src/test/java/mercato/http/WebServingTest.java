package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import mercato.cart.CartDomain;
import mercato.catalog.CatalogDomain;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules for serving the web client next to the API, over plain HTTP: API paths answer
 * JSON as before to every client that asks for JSON, page navigations get the storefront,
 * unknown navigations its page with a 404, missing files a problem 404; caching (ETag and
 * no-cache for our modules, immutable for versioned vendor files, no-store for pages with a
 * mailed token), compression, the CSP, and the first page's weight.
 */
class WebServingTest {
  static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  static final String JSON = "application/json";
  static final long FIRST_PAGE_BUDGET = 150 * 1024;
  static TestNode app;
  static HttpClient http;
  static String base;

  @BeforeAll
  static void start() {
    app = TestNode.of(CatalogDomain.domain(), CartDomain.domain()).withKeys().set("http.contract", "openapi.yaml")
        .start();
    base = "http://127.0.0.1:" + app.node.httpPort();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static HttpResponse<byte[]> get(String path, String... headers) {
    return send("GET", path, headers);
  }

  static HttpResponse<byte[]> send(String method, String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void apiPathsStillAnswerJsonToJsonClients() {
    HttpResponse<byte[]> list = get("/products", "Accept", JSON);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(header(list, "Content-Type")).startsWith("application/json");
    assertThat(text(list)).startsWith("{").contains("\"items\"");

    // curl and most API clients send */* (or nothing): they get the API too
    assertThat(header(get("/products", "Accept", "*/*"), "Content-Type")).startsWith("application/json");
    assertThat(header(get("/products"), "Content-Type")).startsWith("application/json");

    HttpResponse<byte[]> missing = get("/products/" + UUID.randomUUID(), "Accept", JSON);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(header(missing, "Content-Type")).startsWith("application/problem+json");

    // a fetch that accepts both (as our api.js does) is an API call
    HttpResponse<byte[]> cart = get("/cart", "Accept", "application/json, application/problem+json");
    assertThat(header(cart, "Content-Type")).startsWith("application/json");

    HttpResponse<byte[]> post = send("POST", "/products", "Accept", BROWSER);
    assertThat(post.statusCode()).isEqualTo(401);
    assertThat(header(post, "Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void navigationsToStorefrontPagesGetThePageEvenOnApiPaths() {
    for (String path : new String[] {"/", "/products", "/products/" + UUID.randomUUID(), "/orders/abc", "/cart",
        "/search?q=lamp", "/sign-in", "/verify-email", "/checkout", "/account"}) {
      HttpResponse<byte[]> page = get(path, "Accept", BROWSER);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(header(page, "Content-Type")).as(path).startsWith("text/html");
      assertThat(text(page)).as(path).contains("<script type=\"module\" src=\"/app.js\">");
      assertThat(header(page, "Cache-Control")).as(path).isEqualTo("no-cache");
      assertThat(header(page, "Content-Security-Policy")).as(path)
          .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe");
      assertThat(header(page, "Vary")).as(path).contains("Accept");
    }
  }

  @Test
  void unknownNavigationsGetThePageWithA404AndOtherClientsAProblem() {
    HttpResponse<byte[]> page = get("/no/such/page", "Accept", BROWSER);
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(header(page, "Content-Type")).startsWith("text/html");
    assertThat(text(page)).contains("/app.js");

    HttpResponse<byte[]> api = get("/no/such/page", "Accept", JSON);
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(header(api, "Content-Type")).startsWith("application/problem+json");

    // a path some API route serves with another method stays a 405 with Allow
    HttpResponse<byte[]> wrongMethod = get("/categories/" + UUID.randomUUID(), "Accept", BROWSER);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(header(wrongMethod, "Allow")).isEqualTo("DELETE, PUT");
    assertThat(header(wrongMethod, "Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void missingAssetsAre404ProblemsNeverThePage() {
    for (String path : new String[] {"/nope.js", "/shared/nope.js", "/vendor/uplot/9.9.9/dist/uPlot.esm.js",
        "/img/nope.svg", "/console/nope.css", "/shared/..%2f..%2fconf/mercato.yaml", "/shared/../../logback.xml",
        "/shared/", "/vendor/"}) {
      HttpResponse<byte[]> missing = get(path, "Accept", "*/*");
      assertThat(missing.statusCode()).as(path).isIn(404, 400);
      assertThat(header(missing, "Content-Type")).as(path).startsWith("application/problem+json");
    }
  }

  @Test
  void ourModulesRevalidateWithAnEtagAndVendorFilesAreImmutable() {
    HttpResponse<byte[]> module = get("/shared/api.js");
    assertThat(module.statusCode()).isEqualTo(200);
    assertThat(header(module, "Content-Type")).isEqualTo("text/javascript; charset=utf-8");
    assertThat(header(module, "Cache-Control")).isEqualTo("no-cache");
    String etag = header(module, "ETag");
    assertThat(etag).matches("\"[0-9a-f]{24}\"");
    HttpResponse<byte[]> again = get("/shared/api.js", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(get("/shared/api.js", "If-None-Match", "\"stale\"").statusCode()).isEqualTo(200);

    assertThat(header(get("/store.css"), "Content-Type")).isEqualTo("text/css; charset=utf-8");
    assertThat(header(get("/img/kettle.svg"), "Content-Type")).isEqualTo("image/svg+xml");

    HttpResponse<byte[]> vendor = get("/vendor/uplot/1.6.30/dist/uPlot.esm.js");
    assertThat(vendor.statusCode()).isEqualTo(200);
    assertThat(header(vendor, "Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(header(vendor, "Content-Type")).startsWith("text/javascript");

    HttpResponse<byte[]> head = send("HEAD", "/shared/dom.js");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void theClientsOwnOriginIsSameOriginWhileOtherOriginsStayUnderCors() {
    String own = base;
    // module scripts are fetched in CORS mode, with the page's Origin
    assertThat(get("/app.js", "Origin", own).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> post = send("POST", "/products", "Origin", own, "Accept", JSON);
    assertThat(post.statusCode()).isEqualTo(401);
    HttpResponse<byte[]> foreign = send("POST", "/products", "Origin", "http://evil.example", "Accept", JSON);
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(header(foreign, "Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void pagesOpenedFromMailedTokensAreNeverStoredNorLeakTheToken() {
    HttpResponse<byte[]> page = get("/reset-password?token=secret-123", "Accept", BROWSER);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(header(page, "Cache-Control")).isEqualTo("no-store");
    assertThat(header(page, "Referrer-Policy")).isEqualTo("no-referrer");
  }

  @Test
  void responsesAreCompressed() throws IOException {
    HttpResponse<byte[]> module = get("/shared/api.js", "Accept-Encoding", "gzip");
    assertThat(header(module, "Content-Encoding")).isEqualTo("gzip");
    byte[] plain = gunzip(module);
    assertThat(new String(plain, StandardCharsets.UTF_8)).contains("export class ApiProblem");
    assertThat(module.body().length).isLessThan(plain.length);

    HttpResponse<byte[]> api = get("/products", "Accept", JSON, "Accept-Encoding", "gzip");
    assertThat(header(api, "Content-Encoding")).isEqualTo("gzip");
  }

  static byte[] gunzip(HttpResponse<byte[]> response) throws IOException {
    byte[] body = response.body();
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IOException("not gzip: " + response.headers().map() + " "
          + java.util.HexFormat.of().formatHex(body, 0, Math.min(16, body.length)), e);
    }
  }

  private static final Pattern LINKS = Pattern.compile("(?:href|src)=\"(/[^\"]+\\.(?:js|css))\"");
  private static final Pattern STATIC_IMPORTS = Pattern.compile(
      "(?m)^\\s*(?:import|export)\\s[^;]*?from\\s*'([^']+)'|^\\s*import\\s*'([^']+)'");

  /**
   * Sums the compressed bytes of every stylesheet and module the first page loads: what
   * index.html names, what those modules import statically, and the home page's own module
   * (with its imports), which the router loads for "/". Written to target/page-weight.txt.
   */
  @Test
  void theFirstPageLoadsUnder150KbOfCompressedJsAndCss() throws IOException {
    String index = text(get("/", "Accept", BROWSER));
    Deque<String> todo = new ArrayDeque<>();
    Matcher links = LINKS.matcher(index);
    while (links.find()) {
      todo.add(links.group(1));
    }
    todo.add("/pages/home.js");
    Set<String> seen = new LinkedHashSet<>();
    long compressed = 0;
    long plain = 0;
    StringBuilder report = new StringBuilder();
    while (!todo.isEmpty()) {
      String path = todo.poll();
      if (!seen.add(path)) {
        continue;
      }
      HttpResponse<byte[]> file = get(path, "Accept-Encoding", "gzip");
      assertThat(file.statusCode()).as(path).isEqualTo(200);
      byte[] body = "gzip".equals(header(file, "Content-Encoding")) ? gunzip(file) : file.body();
      compressed += file.body().length;
      plain += body.length;
      report.append(String.format("%7d %7d %s%n", file.body().length, body.length, path));
      if (path.endsWith(".js")) {
        Matcher imports = STATIC_IMPORTS.matcher(new String(body, StandardCharsets.UTF_8));
        while (imports.find()) {
          String target = imports.group(1) != null ? imports.group(1) : imports.group(2);
          todo.add(URI.create(base + path).resolve(target).getPath());
        }
      }
    }
    report.append(String.format("%7d %7d total (compressed, plain bytes) over %d files%n", compressed, plain,
        seen.size()));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "page-weight.txt"), report);
    assertThat(compressed).as(report.toString()).isLessThan(FIRST_PAGE_BUDGET);
  }
}

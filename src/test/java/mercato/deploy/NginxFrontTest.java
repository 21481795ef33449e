package mercato.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mercato.testing.Await;
import mercato.testing.PingDomain;
import mercato.testing.Scrape;
import mercato.testing.Services;
import mercato.testing.TestDatabase;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two clustered nodes, each with an edge, behind the nginx that scripts/nginx.sh runs from
 * deploy/nginx/mercato.conf: nginx spreads requests over both, a node's graceful stop under a
 * steady stream of requests loses none, and the nodes believe X-Forwarded-For from nginx's
 * address (127.0.0.2, its proxy_bind and their http.trustedProxies) and from nobody else.
 * The node stop comes last: the tests share the two nodes and nginx.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NginxFrontTest {
  static final String NGINX_SOURCE = "127.0.0.2";
  static final Path ROOT = Path.of("").toAbsolutePath();
  static TestDatabase db;
  static List<TestNode> nodes = List.of();
  static int nginxPort;
  static boolean nginxUp;
  static Vertx vertx;

  @BeforeAll
  static void start() {
    Services.require("postgres", "redis");
    db = TestDatabase.create();
    nodes = TestNode.cluster(member(), member());
    nginxPort = Services.freePort();
    List<String> up = new ArrayList<>(List.of("up", "--port", String.valueOf(nginxPort), "--source", NGINX_SOURCE));
    nodes.forEach(node -> up.add(String.valueOf(node.node.httpPort())));
    script(up, Duration.ofSeconds(300));
    nginxUp = true;
    vertx = Vertx.vertx();
    // Both nodes' ping consumers are known to both edges a moment after the cluster forms.
    Await.until("both edges answer through nginx", Duration.ofSeconds(20), () -> {
      int ok = 0;
      for (int i = 0; i < 4; i++) {
        ok += get(viaNginx(), "/ping/wide", MultiMap.caseInsensitiveMultiMap()).statusCode() == 200 ? 1 : 0;
      }
      return ok == 4;
    });
  }

  private static TestNode.Builder member() {
    return TestNode.of(PingDomain.domain()).on(db)
        .set("http.trustForwardedFor", "true")
        .set("http.trustedProxies", NGINX_SOURCE)
        .set("http.rateLimits.default.capacity", "1000000")
        .set("http.rateLimits.default.refillPerSecond", "1000000")
        .yaml("http:\n  rateLimits:\n    tight: { capacity: 3, refillPerSecond: 1 }\n");
  }

  @AfterAll
  static void stop() {
    try {
      if (nginxUp) {
        script(List.of("down", "--port", String.valueOf(nginxPort)), Duration.ofSeconds(30));
        deleteTree(ROOT.resolve(".data/nginx/" + nginxPort));
      }
    } finally {
      if (vertx != null) {
        vertx.close();
      }
      nodes.forEach(TestNode::close);
      if (db != null) {
        db.close();
      }
    }
  }

  /** This run's nginx prefix (configuration, logs), once nginx is down. */
  static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Runs scripts/nginx.sh; a failure (nginx not installable, refused config) fails the test naming the script. */
  static void script(List<String> args, Duration limit) {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/nginx.sh").toString()));
    command.addAll(args);
    try {
      Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
      boolean done = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!done) {
        process.destroyForcibly();
        throw new AssertionError("scripts/nginx.sh " + String.join(" ", args) + " did not finish in " + limit.toSeconds()
            + " s: " + output);
      }
      if (process.exitValue() != 0) {
        throw new AssertionError("scripts/nginx.sh " + String.join(" ", args) + " failed (exit " + process.exitValue()
            + "); it installs nginx from Debian (apt-get install nginx) and runs it under .data/nginx/: " + output);
      }
    } catch (IOException e) {
      throw new AssertionError("could not run scripts/nginx.sh: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A client to nginx's port, connecting from {@code source} (any 127.0.0.0/8 address is loopback). */
  static Target viaNginx(String source) {
    return new Target(nginxPort, source);
  }

  static Target viaNginx() {
    return new Target(nginxPort, null);
  }

  record Target(int port, String source) {}

  static final Map<String, WebClient> CLIENTS = new ConcurrentHashMap<>();

  static HttpResponse<Buffer> get(Target target, String path, MultiMap headers) {
    WebClient client = CLIENTS.computeIfAbsent(String.valueOf(target.source()), source -> {
      WebClientOptions options = new WebClientOptions().setKeepAlive(true);
      if (target.source() != null) {
        options.setLocalAddress(target.source());
      }
      return WebClient.create(vertx, options);
    });
    return Await.result(client.get(target.port(), Services.HOST, path).putHeaders(headers).send());
  }

  static double answered(TestNode node) {
    return Scrape.of(node).sum("vertx_http_server_requests_total", "route", "/ping/wide");
  }

  /** A random loopback address other than nginx's and 127.0.0.1, so each run has fresh rate-limit buckets. */
  static String loopbackAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "127." + random.nextInt(1, 250) + "." + random.nextInt(1, 250) + "." + random.nextInt(3, 250);
  }

  @Test
  @Order(1)
  void requestsThroughNginxReachBothNodes() {
    double beforeA = answered(nodes.get(0));
    double beforeB = answered(nodes.get(1));
    for (int i = 0; i < 20; i++) {
      HttpResponse<Buffer> response = get(viaNginx(), "/ping/wide", MultiMap.caseInsensitiveMultiMap());
      assertThat(response.statusCode()).as("request %d through nginx", i).isEqualTo(200);
      assertThat(response.getHeader("X-Request-Id")).as("the id nginx made reaches the node and comes back").matches("[0-9a-f]{32}");
    }
    double a = answered(nodes.get(0)) - beforeA;
    double b = answered(nodes.get(1)) - beforeB;
    assertThat(a).as("requests node A's edge answered").isGreaterThan(0);
    assertThat(b).as("requests node B's edge answered").isGreaterThan(0);
    assertThat(a + b).as("every request reached one edge").isGreaterThanOrEqualTo(20);
    // A client's own request id passes through to the node and back.
    HttpResponse<Buffer> named = get(viaNginx(), "/ping/wide", MultiMap.caseInsensitiveMultiMap().add("X-Request-Id", "client-id-1"));
    assertThat(named.getHeader("X-Request-Id")).isEqualTo("client-id-1");
  }

  @Test
  @Order(2)
  void aBodyOverHttpBodyLimitIsRefusedByNginxAsTheNodeWould() {
    int limit = nodes.get(0).config.http().bodyLimit();
    WebClient client = WebClient.create(vertx);
    Buffer body = Buffer.buffer("{\"name\":\"" + "x".repeat(limit) + "\"}");
    HttpResponse<Buffer> refused = Await.result(client.post(nginxPort, Services.HOST, "/ping/echo")
        .putHeader("Content-Type", "application/json").sendBuffer(body));
    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo("/problems/payload-too-large");
    assertThat(refused.bodyAsJsonObject().getString("requestId")).isEqualTo(refused.getHeader("X-Request-Id"));
    HttpResponse<Buffer> fits = Await.result(client.post(nginxPort, Services.HOST, "/ping/echo")
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"name\":\"" + "x".repeat(limit - 100) + "\"}")));
    // A body under the limit reaches the node, which reads it whole (and refuses the over-long field itself).
    assertThat(fits.statusCode()).as("a body under the limit: %s", fits.bodyAsString()).isNotEqualTo(413);
    assertThat(fits.getHeader("X-Content-Type-Options")).as("the node's own answer").isEqualTo("nosniff");
    assertThat(refused.getHeader("X-Content-Type-Options")).as("nginx's own answer").isNull();
  }

  @Test
  @Order(3)
  void forwardedForCountsFromNginxOnlyAsTheRateLimiterSees() {
    // Sent to a node directly, X-Forwarded-For is ignored: four requests naming four
    // addresses share the sender's one bucket of three (tight: capacity 3, 1 per second).
    Target direct = new Target(nodes.get(0).node.httpPort(), loopbackAddress());
    List<Integer> directStatuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      directStatuses.add(get(direct, "/ping/limited", MultiMap.caseInsensitiveMultiMap()
          .add("X-Forwarded-For", "203.0.113." + (10 + i))).statusCode());
    }
    assertThat(directStatuses).as("direct requests from %s with four forged X-Forwarded-For", direct.source())
        .containsExactly(200, 200, 200, 429);

    // Through nginx the nodes key on the address nginx saw: client a spends its bucket, and
    // client b right after still has all of its own, though both forge the same address
    // and both reach the nodes from nginx's one address.
    String forged = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 250);
    MultiMap forging = MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", forged);
    Target a = viaNginx(loopbackAddress());
    Target b = viaNginx(loopbackAddress());
    List<Integer> fromA = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      fromA.add(get(a, "/ping/limited", forging).statusCode());
    }
    List<Integer> fromB = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      fromB.add(get(b, "/ping/limited", forging).statusCode());
    }
    assertThat(fromA).as("client %s through nginx", a.source()).containsExactly(200, 200, 200, 429);
    assertThat(fromB).as("client %s through nginx, right after %s spent its bucket", b.source(), a.source())
        .containsExactly(200, 200, 200);
  }

  @Test
  @Order(4)
  void aGracefulStopOfOneNodeLosesNoRequestThroughNginx() throws Exception {
    TestNode leaving = nodes.get(0);
    double leavingBefore = answered(leaving);
    java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginxPort + "/ping/wide"))
        .timeout(Duration.ofSeconds(30)).GET().build();
    AtomicBoolean streaming = new AtomicBoolean(true);
    AtomicInteger sent = new AtomicInteger();
    Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    ExecutorService senders = Executors.newFixedThreadPool(4);
    try {
      for (int t = 0; t < 4; t++) {
        senders.submit(() -> {
          while (streaming.get()) {
            sent.incrementAndGet();
            String outcome;
            try {
              outcome = String.valueOf(client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
            } catch (IOException e) {
              outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
            outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
            try {
              Thread.sleep(5);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
        });
      }
      Await.until("the leaving node answers part of the stream", Duration.ofSeconds(15),
          () -> answered(leaving) - leavingBefore >= 20);
      int beforeStop = sent.get();
      Future<Void> stopped = leaving.stop();
      Await.result(stopped, Duration.ofSeconds(30));
      int atStop = sent.get();
      Await.until("200 more requests after the stop", Duration.ofSeconds(20), () -> sent.get() >= atStop + 200);
      streaming.set(false);
      senders.shutdown();
      assertThat(senders.awaitTermination(40, TimeUnit.SECONDS)).as("the senders finished").isTrue();
      Map<String, Integer> seen = new java.util.TreeMap<>();
      outcomes.forEach((k, v) -> seen.put(k, v.get()));
      assertThat(seen).as("outcomes of %d requests, %d of them sent while the node stopped", sent.get(), atStop - beforeStop)
          .containsOnlyKeys("200");
      assertThat(seen.get("200")).isEqualTo(sent.get());
      assertThat(Services.open(leaving.node.httpPort())).as("the stopped node's port").isFalse();
    } finally {
      streaming.set(false);
      senders.shutdownNow();
    }
  }
}

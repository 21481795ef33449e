package mercato.deploy;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import mercato.testing.Await;
import mercato.testing.PingDomain;
import mercato.testing.Scrape;
import mercato.testing.Services;
import mercato.testing.TestDatabase;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Two clustered nodes, each with an edge, behind the nginx that scripts/nginx.sh runs from
 * deploy/nginx/mercato.conf, started for each test class that extends this one (the nodes
 * believe X-Forwarded-For from nginx's address, 127.0.0.2, its proxy_bind and their
 * http.trustedProxies, and from nobody else).
 */
abstract class NginxFront {
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
      // the next class that extends this starts afresh: nothing of this one's may linger
      nginxUp = false;
      CLIENTS.clear();
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
}

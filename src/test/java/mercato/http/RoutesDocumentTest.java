package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mercato.DomainsAccess;
import mercato.http.RouteTable.Mount;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The specification's route list (src/test/resources/routes-spec.txt, taken from ROUTES.md:
 * 111 method+path pairs, canonical then aliases) against what Mercato serves: every pair is
 * mounted, an alias reaches its canonical route's bus address, and on a node running every
 * domain each pair reaches a live handler (never "no route", never "no handler").
 */
class RoutesDocumentTest {
  static final RouteTable TABLE = new RouteTable(DomainsAccess.routes());
  static TestNode app;

  /** One row: the canonical "METHOD /path" first, then its aliases. */
  static List<List<String>> rows() throws IOException {
    try (InputStream in = RoutesDocumentTest.class.getResourceAsStream("/routes-spec.txt")) {
      List<List<String>> rows = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(List.of(line.split(" \\| ")));
        }
      }
      return rows;
    }
  }

  static Mount mount(String pair) {
    String[] parts = pair.split(" ", 2);
    String shape = parts[1].replaceAll("\\{[^}]+}", "{}");
    return TABLE.mounts().stream().filter(m -> m.alias().method().equals(parts[0])
        && m.alias().path().replaceAll("\\{[^}]+}", "{}").equals(shape)).findFirst().orElse(null);
  }

  @BeforeAll
  static void start() {
    app = TestNode.of(DomainsAccess.all().toArray(mercato.platform.domain.Domain[]::new)).withKeys()
        .requiring("postgres", "redis", "smtp")
        .set("http.contract", "openapi.yaml")
        .set("http.rateLimits.default.capacity", "100000").set("http.rateLimits.default.refillPerSecond", "100000")
        .start();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void all111PairsAreMountedAndAliasesShareTheirCanonicalAddress() throws IOException {
    int pairs = 0;
    for (List<String> row : rows()) {
      Mount canonical = mount(row.get(0));
      assertThat(canonical).as(row.get(0) + " is mounted").isNotNull();
      for (String pair : row) {
        Mount mount = mount(pair);
        assertThat(mount).as(pair + " is mounted").isNotNull();
        assertThat(mount.route().address()).as(pair + " reaches " + row.get(0) + "'s address")
            .isEqualTo(canonical.route().address());
        pairs++;
      }
    }
    assertThat(pairs).isEqualTo(111);
  }

  @Test
  void everyPairReachesALiveHandler() throws IOException {
    String admin = app.tokens.sign(new JsonObject().put("sub", UUID.randomUUID().toString()).put("typ", "admin")
        .put("roles", new JsonArray()).put("email_verified", true), 600);
    for (List<String> row : rows()) {
      for (String pair : row) {
        String[] parts = pair.split(" ", 2);
        String path = parts[1].replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        HttpMethod method = HttpMethod.valueOf(parts[0]);
        Object body = method == HttpMethod.POST || method == HttpMethod.PUT ? new JsonObject() : null;
        HttpResponse<Buffer> response = app.api.call(method, path, admin, body);
        String text = response.bodyAsString();
        assertThat(response.statusCode()).as(pair + ": " + text).isNotIn(405, 500, 501, 503, 504);
        if (response.statusCode() == 404) {
          assertThat(text).as(pair).doesNotContain("No route serves");
        }
      }
    }
  }
}

package mercato;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.auth.AuthDomain;
import mercato.platform.bus.Principal;
import mercato.platform.domain.Domain;
import mercato.platform.route.Access;
import mercato.platform.route.Alias;
import mercato.platform.route.Route;
import mercato.profile.ProfileDomain;
import mercato.testing.Api;
import mercato.testing.TestDatabase;
import mercato.testing.TestNode;
import mercato.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route of the identity and communication domains, canonical and aliases, called
 * anonymously and by each of the six principal types: a call the route's rule refuses
 * gets exactly 401 (no token) or 403 (wrong type), and refused calls change nothing in
 * any of the domains' tables; an admitted call is never refused for its identity.
 */
class IdentityAccessMatrixTest {
  static final List<Domain> DOMAINS = IdentityDomains.list();
  static TestNode app;
  static TestDatabase db;
  static TestTokens tokens;
  static Api api;

  @BeforeAll
  static void start() {
    app = TestNode.of(DOMAINS.toArray(Domain[]::new)).withKeys().quickAuth().requiring("postgres", "redis", "smtp")
        .set("http.contract", "openapi.yaml")
        .set("http.rateLimits.default.capacity", "100000").set("http.rateLimits.default.refillPerSecond", "100000")
        .start();
    db = app.db;
    tokens = app.tokens;
    api = app.api;
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  record Call(Route route, Alias alias, String caller) {
    @Override
    public String toString() {
      return caller + " " + alias.method() + " " + alias.path();
    }
  }

  /** Who calls: null for anonymous, else a principal type. */
  static List<String> callers() {
    List<String> callers = new ArrayList<>();
    callers.add(null);
    callers.addAll(Principal.TYPES);
    return callers;
  }

  static boolean refused(Call call) {
    Access access = call.route().access();
    if (call.caller() == null) {
      return access.signedIn();
    }
    return !access.admits(call.caller(), false);
  }

  HttpResponse<Buffer> send(Call call) {
    String path = call.alias().path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    String token = call.caller() == null ? null
        : tokens.issue(UUID.randomUUID().toString(), call.caller(), List.of());
    HttpMethod method = HttpMethod.valueOf(call.alias().method());
    Object body = method == HttpMethod.POST || method == HttpMethod.PUT ? new JsonObject() : null;
    return api.call(method, path, token, body);
  }

  @Test
  void everyRouteAnswersEveryCallerAsItsRuleSays() {
    String before = fingerprint();
    List<Call> admitted = new ArrayList<>();
    int refusals = 0;
    for (Domain domain : DOMAINS) {
      for (Route route : domain.routes()) {
        for (Alias alias : route.mounts()) {
          for (String caller : callers()) {
            Call call = new Call(route, alias, caller);
            if (!refused(call)) {
              admitted.add(call);
              continue;
            }
            HttpResponse<Buffer> response = send(call);
            assertThat(response.statusCode()).as(call.toString()).isEqualTo(caller == null ? 401 : 403);
            assertThat(response.getHeader("Content-Type")).as(call.toString()).isEqualTo("application/problem+json");
            refusals++;
          }
        }
      }
    }
    assertThat(refusals).isGreaterThan(50);
    assertThat(fingerprint()).as("refused calls changed nothing").isEqualTo(before);

    for (Call call : admitted) {
      HttpResponse<Buffer> response = send(call);
      assertThat(response.statusCode()).as(call + " " + response.bodyAsString())
          .isNotIn(401, 403).isLessThan(500);
    }
  }

  /** A digest of every row of every table the identity domains own. */
  static String fingerprint() {
    Map<String, String> digests = new LinkedHashMap<>();
    for (Domain domain : DOMAINS) {
      for (String table : db.column("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
          + domain.name() + "' AND table_name NOT LIKE 'flyway%' ORDER BY 1")) {
        digests.put(domain.name() + "." + table, db.column("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
            + " FROM " + domain.name() + "." + table + " t").get(0));
      }
    }
    return digests.toString();
  }

  /** The domains under test. */
  static final class IdentityDomains {
    static List<Domain> list() {
      return List.of(AuthDomain.domain(), ProfileDomain.domain(), mercato.email.EmailDomain.domain(),
          mercato.notification.NotificationDomain.domain());
    }
  }
}

package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mercato.DomainsAccess;
import mercato.platform.domain.Domain;
import mercato.testing.Await;
import mercato.testing.Scrape;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped Grafana dashboard is valid JSON for an import, and every metric its queries
 * name is one a running Mercato exports: a whole node (every domain, the inbound stock
 * feed on the real broker) is scraped, and each name must have a sample.
 */
class GrafanaDashboardTest {
  static final Path DASHBOARD = Path.of("docs/grafana/mercato-dashboard.json");
  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
  static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([A-Za-z_:][A-Za-z0-9_:]*)\\s*,");
  static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
      "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN");
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static TestNode app;

  @BeforeAll
  static void start() {
    List<Domain> domains = DomainsAccess.all();
    app = TestNode.of(domains.toArray(Domain[]::new)).withKeys().quickAuth()
        .requiring("postgres", "redis", "kafka", "smtp").startWithin(Duration.ofMinutes(4))
        .set("http.contract", "openapi.yaml")
        .set("metrics.refreshMs", "200")
        .set("kafka.enabled", "true")
        .set("inventory.inboundTopic", "mercato.inbound.warehouse-stock.test-" + RUN)
        .set("inventory.inboundGroup", "mercato-inventory-test-" + RUN)
        .start();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static JsonObject dashboard() throws IOException {
    return new JsonObject(Files.readString(DASHBOARD));
  }

  /** Every panel, rows' nested panels included. */
  static List<JsonObject> panels(JsonObject dashboard) {
    List<JsonObject> all = new ArrayList<>();
    for (Object p : dashboard.getJsonArray("panels")) {
      JsonObject panel = (JsonObject) p;
      all.add(panel);
      for (Object nested : panel.getJsonArray("panels", new JsonArray())) {
        all.add((JsonObject) nested);
      }
    }
    return all;
  }

  static List<String> exprs(JsonObject dashboard) {
    List<String> exprs = new ArrayList<>();
    for (JsonObject panel : panels(dashboard)) {
      for (Object t : panel.getJsonArray("targets", new JsonArray())) {
        exprs.add(((JsonObject) t).getString("expr"));
      }
    }
    return exprs;
  }

  /** The metric names a PromQL expression selects (not its functions, labels, keywords or Grafana variables). */
  static Set<String> metricNames(String expr) {
    String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
        .replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
        .replaceAll("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?", " ");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      int before = m.start() - 1;
      if (before >= 0 && (Character.isDigit(s.charAt(before)) || s.charAt(before) == '.')) {
        continue; // the tail of a number
      }
      int next = m.end();
      while (next < s.length() && s.charAt(next) == ' ') {
        next++;
      }
      if ((next < s.length() && s.charAt(next) == '(') || KEYWORDS.contains(m.group())) {
        continue;
      }
      names.add(m.group());
    }
    return names;
  }

  @Test
  void theNameFinderSeesMetricsOnly() {
    assertThat(metricNames("histogram_quantile(0.99, sum by (le, route) (rate(a_b_bucket{x=~\"5..\"}[$__rate_interval])))"
        + " / on (route) group_left c_total * 60 > bool 1e3"))
        .containsExactly("a_b_bucket", "c_total");
  }

  @Test
  void isAnImportableDashboard() throws IOException {
    JsonObject dashboard = dashboard();
    assertThat(dashboard.getString("title")).isEqualTo("Mercato");
    assertThat(dashboard.getString("uid")).isNotBlank();
    List<String> variables = dashboard.getJsonObject("templating").getJsonArray("list").stream()
        .map(v -> ((JsonObject) v).getString("name")).toList();
    assertThat(variables).contains("datasource", "instance");
    Set<Integer> ids = new HashSet<>();
    for (JsonObject panel : panels(dashboard)) {
      assertThat(ids.add(panel.getInteger("id"))).as("panel ids are unique: " + panel.getString("title")).isTrue();
      assertThat(panel.getJsonObject("gridPos")).as(panel.getString("title")).isNotNull();
      if (!"row".equals(panel.getString("type"))) {
        assertThat(panel.getJsonObject("datasource").getString("uid")).isEqualTo("${datasource}");
        JsonArray targets = panel.getJsonArray("targets");
        assertThat(targets).as(panel.getString("title") + " has queries").isNotEmpty();
        for (Object t : targets) {
          assertThat(((JsonObject) t).getString("expr")).as(panel.getString("title")).isNotBlank();
          assertThat(((JsonObject) t).getString("refId")).isNotBlank();
        }
      }
    }
  }

  @Test
  void everyMetricTheDashboardQueriesIsExported() throws IOException {
    JsonObject dashboard = dashboard();
    Set<String> wanted = new LinkedHashSet<>();
    exprs(dashboard).forEach(expr -> wanted.addAll(metricNames(expr)));
    for (Object v : dashboard.getJsonObject("templating").getJsonArray("list")) {
      Matcher m = LABEL_VALUES.matcher(String.valueOf(((JsonObject) v).getString("definition")));
      while (m.find()) {
        wanted.add(m.group(1));
      }
    }
    assertThat(wanted).as("the dashboard's queries name the series the operator needs").contains(
        "vertx_http_server_requests_total", "vertx_http_server_response_time_seconds_bucket",
        "mercato_operation_duration_seconds_bucket", "mercato_outbox_pending_deliveries",
        "mercato_outbox_oldest_pending_age_seconds", "mercato_outbox_dead_deliveries", "mercato_email_pending_mails",
        "mercato_inventory_active_reservations", "mercato_order_placed_total", "mercato_payment_settled_total",
        "mercato_cache_requests_total", "mercato_inventory_inbound_lag_seconds");

    // Traffic for the per-request series, and one set-aside row for its gauge.
    assertThat(app.api.get("/products", null).statusCode()).isEqualTo(200);
    assertThat(app.api.get("/no-such-page-" + RUN, null).statusCode()).isEqualTo(404);
    assertThat(app.api.get("/orders", null).statusCode()).isEqualTo(401);
    app.db.execute("INSERT INTO catalog.set_aside (kind, item_id, error) VALUES ('test', 'x-" + RUN + "', 'a test row')");

    List<String> missing = new ArrayList<>();
    try {
      Await.until("every metric the dashboard queries has a sample", Duration.ofSeconds(30), () -> {
        Set<String> exported = Scrape.of(app).names();
        missing.clear();
        wanted.stream().filter(name -> !exported.contains(name)).forEach(missing::add);
        return missing.isEmpty();
      });
    } catch (AssertionError timedOut) {
      assertThat(missing).as("metrics the dashboard queries that no scrape has").isEmpty();
      throw timedOut;
    }
  }
}

package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mercato.DomainsAccess;
import mercato.http.AsciiJson.Raw;
import mercato.platform.bus.Principal;
import mercato.platform.domain.Domain;
import mercato.platform.route.Access;
import mercato.platform.route.Route;
import mercato.testing.Await;
import mercato.testing.Services;
import mercato.testing.TableFingerprint;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hostile input, from the contract: one node with every domain; for every operation the
 * assembled contract holds (so a route added tomorrow is covered), a valid base request built
 * from its schemas and sent by a principal the route admits, then every string, number,
 * array and object of its parameters and body replaced in turn by hostile values. No answer
 * is ever a 5xx, every 4xx is a problem the operation documents, and a refused request
 * changes no row of any domain.
 */
class HostileInputTest {
  private static final Logger LOG = LoggerFactory.getLogger(HostileInputTest.class);
  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
  // Written by bookkeeping whatever the outcome of a request, so not evidence of a change:
  // none so far; a table belongs here only with the reason.
  private static final Set<String> BOOKKEEPING = Set.of();

  private static final int CONCURRENT = 16;

  static TestNode app;
  static Vertx vertx;
  static WebClient client;
  static JsonObject contract;
  static SchemaSamples samples;
  static TableFingerprint fingerprint;
  private static final Pattern UNWRITTEN_SEARCH_LOGS = Pattern.compile("(?m)^mercato_search_log_unwritten(\\{[^}]*\\})? 0\\.0$");
  static final Map<String, String> ids = new HashMap<>();
  static final Map<String, String> tokens = new HashMap<>();
  static final Map<String, String> subjects = new HashMap<>();

  /** One operation of the contract with the route that serves it (null for the edge's own). */
  record Operation(String method, String path, String operationId, JsonObject spec, Route route) {
    @Override
    public String toString() {
      return method + " " + path + " (" + operationId + ")";
    }
  }

  /** One request: path, query and header parameters, and the body as JSON text (null for none). */
  record Request(String what, String path, Map<String, String> query, Map<String, String> headers, String body) {}

  @BeforeAll
  static void start() {
    List<Domain> domains = DomainsAccess.all();
    app = TestNode.of(domains.toArray(Domain[]::new)).withKeys().quickAuth()
        .requiring("postgres", "redis", "smtp")
        .set("http.contract", "openapi.yaml")
        .set("http.rateLimits.default.capacity", "1000000").set("http.rateLimits.default.refillPerSecond", "1000000")
        .start();
    contract = ContractDocument.assemble("openapi.yaml", domains.stream().map(Domain::name).toList(), DomainsAccess.routes());
    vertx = Vertx.vertx();
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(Services.HOST)
        .setDefaultPort(app.node.httpPort()));
    samples = new SchemaSamples(contract, HostileInputTest::seeded);
    fingerprint = new TableFingerprint(app.db, domains.stream().map(Domain::name).toList(), BOOKKEEPING);
    for (String type : Principal.TYPES) {
      subjects.put(type, UUID.randomUUID().toString());
      issue(type);
    }
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void noHostileValueIsA5xxOrChangesAnythingWhenRefused() throws Exception {
    List<Operation> operations = operations();
    List<String> failures = new ArrayList<>();
    int fields = 0;
    int requests = 0;
    int accepted = 0;
    int unsendable = 0;
    long started = System.nanoTime();
    try (Connection connection = app.db.connect()) {
      for (Operation operation : operations) {
        Request base = base(operation);
        HttpResponse<Buffer> answer = send(operation, base);
        requests++;
        if (answer != null && answer.statusCode() < 300) {
          accepted++;
          harvest(operation, answer);
        } else if (answer != null) {
          check(operation, base, answer, failures);
        }
        settle(connection);
        String baseline = fingerprint.take(connection);
        List<Request> hostile = hostile(operation, base);
        fields += (int) hostile.stream().map(r -> r.what().split(" = ", 2)[0]).distinct().count();
        // Sent a few at a time: a refused request changes nothing, so their order does not matter.
        for (int from = 0; from < hostile.size(); from += CONCURRENT) {
          List<Request> chunk = hostile.subList(from, Math.min(hostile.size(), from + CONCURRENT));
          List<HttpResponse<Buffer>> responses = sendAll(operation, chunk);
          boolean changed = false;
          for (int i = 0; i < chunk.size(); i++) {
            HttpResponse<Buffer> response = responses.get(i);
            requests++;
            if (response == null) {
              unsendable++;
              continue;
            }
            check(operation, chunk.get(i), response, failures);
            if (response.statusCode() < 300) {
              harvest(operation, response);
              changed = true;
            }
          }
          if (changed) {
            // A hostile value that is valid (an SQL string as a name) was committed: a new baseline.
            settle(connection);
            baseline = fingerprint.take(connection);
          }
        }
        String after = fingerprint.take(connection);
        if (!after.equals(baseline)) {
          failures.add(operation + ": a refused request changed " + TableFingerprint.difference(baseline, after));
        }
        LOG.info("{}: base {}, {} hostile requests", operation, answer == null ? "unsent"
            : answer.statusCode() + (answer.statusCode() < 300 ? "" : " " + clip(answer.bodyAsString())), hostile.size());
      }
    }
    LOG.info("Hostile input: {} operations ({} with an accepted base request), {} fields, {} requests ({} the client"
        + " could not send) in {} s", operations.size(), accepted, fields, requests, unsendable,
        (System.nanoTime() - started) / 1_000_000_000L);
    failures.forEach(f -> LOG.warn("hostile input failure: {}", f));
    assertThat(operations.size()).isGreaterThan(80);
    assertThat(failures).isEmpty();
  }

  private static void check(Operation operation, Request request, HttpResponse<Buffer> response, List<String> failures) {
    int status = response.statusCode();
    String what = operation + " " + request.what() + " -> " + status;
    if (status >= 500) {
      failures.add(what + " " + clip(response.bodyAsString()));
    } else if (status >= 400 && status != 414 && status != 431
        && !String.valueOf(response.getHeader("Content-Type")).startsWith("application/problem+json")) {
      // 414 (request line) and 431 (headers) are answered by the HTTP codec before any handler runs.
      failures.add(what + " is not a problem: " + response.getHeader("Content-Type"));
    } else if (status >= 400 && status != 414 && status != 431 && status != 405 && !elsewhere(operation)
        && !documents(operation.spec(), status)) {
      // 405: a hostile path value (an empty or dot segment) makes another path, which the router
      // answers for; an operation with servers of its own (metrics) is not on this port.
      failures.add(what + " is not among the operation's documented responses "
          + operation.spec().getJsonObject("responses", new JsonObject()).fieldNames());
    }
  }

  /** Whether the operation is served by servers of its own (the management port), not by this one. */
  private static boolean elsewhere(Operation operation) {
    return operation.spec().containsKey("servers")
        || contract.getJsonObject("paths").getJsonObject(operation.path(), new JsonObject()).containsKey("servers");
  }

  /** Whether the operation's responses name {@code status} (or its class, or a default). */
  private static boolean documents(JsonObject spec, int status) {
    JsonObject responses = spec.getJsonObject("responses", new JsonObject());
    return responses.containsKey(String.valueOf(status)) || responses.containsKey(status / 100 + "XX")
        || responses.containsKey("default");
  }

  /**
   * Waits until no event delivery is pending and the search log has written what it buffered,
   * so a 2xx's reactions land before the next baseline.
   */
  private static void settle(Connection connection) {
    Await.until("the search log is written", Duration.ofSeconds(30), () -> {
      try (mercato.testing.HttpClient management = new mercato.testing.HttpClient(app.node.managementPort())) {
        return UNWRITTEN_SEARCH_LOGS.matcher(management.get("/metrics").bodyAsString()).find();
      }
    });
    String pending = "SELECT " + String.join(" + ", DomainsAccess.all().stream().filter(Domain::ownsSchema)
        .map(d -> "(SELECT count(*) FROM \"" + d.name() + "\".outbox_delivery WHERE status = 'pending')").toList());
    Await.until("event deliveries settle", Duration.ofSeconds(30), () -> {
      try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(pending)) {
        rows.next();
        return rows.getLong(1) == 0;
      } catch (SQLException e) {
        throw new IllegalStateException(pending, e);
      }
    });
  }

  // ---- the contract's operations ----

  static List<Operation> operations() {
    Map<String, Route> routes = new HashMap<>();
    DomainsAccess.routes().stream().filter(r -> r.operationId() != null).forEach(r -> routes.put(r.operationId(), r));
    List<Operation> out = new ArrayList<>();
    JsonObject paths = contract.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : List.of("post", "put", "patch", "get", "delete")) {
        if (item.getValue(method) instanceof JsonObject spec && !streams(spec)) {
          JsonObject merged = spec.copy();
          JsonArray params = item.getJsonArray("parameters", new JsonArray()).copy();
          spec.getJsonArray("parameters", new JsonArray()).forEach(params::add);
          merged.put("parameters", params);
          String id = spec.getString("operationId", method + " " + path);
          out.add(new Operation(method.toUpperCase(), path, id, merged, routes.get(id)));
        }
      }
    }
    // Creations first (their ids fill the paths of the rest), removals and sign-outs last.
    out.sort(Comparator.comparingInt(HostileInputTest::order));
    return out;
  }

  private static int order(Operation operation) {
    boolean ending = operation.method().equals("DELETE") || operation.path().matches(".*(logout|revoke|delete|close).*");
    if (ending) {
      return 4;
    }
    boolean params = operation.path().contains("{");
    return switch (operation.method()) {
      case "POST" -> params ? 1 : 0;
      case "PUT", "PATCH" -> 2;
      default -> 3;
    };
  }

  // ---- requests ----

  private static Request base(Operation operation) {
    Map<String, String> query = new LinkedHashMap<>();
    Map<String, String> headers = new LinkedHashMap<>();
    for (Object p : operation.spec().getJsonArray("parameters")) {
      JsonObject param = samples.resolve((JsonObject) p);
      String in = param.getString("in");
      if (param.getBoolean("required", false) && !in.equals("path")) {
        String value = String.valueOf(samples.sample(param.getJsonObject("schema"), param.getString("name")));
        (in.equals("query") ? query : headers).put(param.getString("name"), value);
      }
    }
    JsonObject schema = bodySchema(operation);
    String body = schema == null ? null : AsciiJson.write(samples.sample(schema, null));
    return new Request("base", path(operation, null, null), query, headers, body);
  }

  private static JsonObject bodySchema(Operation operation) {
    JsonObject body = samples.resolve(operation.spec().getJsonObject("requestBody"));
    JsonObject json = body.getJsonObject("content", new JsonObject()).getJsonObject("application/json");
    return json == null ? null : json.getJsonObject("schema", new JsonObject());
  }

  private static String path(Operation operation, String hostileParam, String hostileValue) {
    Matcher m = PARAM.matcher(operation.path());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = name.equals(hostileParam) ? hostileValue : pathValue(operation, name);
      m.appendReplacement(out, Matcher.quoteReplacement(encode(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String pathValue(Operation operation, String name) {
    String seeded = seeded(name);
    if (seeded != null) {
      return seeded;
    }
    if (name.endsWith("_id")) {
      return UUID.randomUUID().toString();
    }
    for (Object p : operation.spec().getJsonArray("parameters")) {
      JsonObject param = samples.resolve((JsonObject) p);
      if (name.equals(param.getString("name"))) {
        return String.valueOf(samples.sample(param.getJsonObject("schema"), name));
      }
    }
    return UUID.randomUUID().toString();
  }

  /** A stream (server-sent events) never ends its body; its one input is the bearer token, tested elsewhere. */
  private static boolean streams(JsonObject spec) {
    return spec.getJsonObject("responses", new JsonObject()).stream()
        .anyMatch(r -> r.getValue() instanceof JsonObject response
            && response.getJsonObject("content", new JsonObject()).containsKey("text/event-stream"));
  }

  private static List<Request> hostile(Operation operation, Request base) {
    List<Request> out = new ArrayList<>();
    for (Object p : operation.spec().getJsonArray("parameters")) {
      JsonObject param = samples.resolve((JsonObject) p);
      String name = param.getString("name");
      String in = param.getString("in");
      List<String> values = new ArrayList<>(HostileValues.texts());
      values.add(HostileValues.huge());
      for (String value : values) {
        String what = in + " " + name + " = " + clip(value);
        switch (in) {
          case "path" -> out.add(new Request(what, path(operation, name, value), base.query(), base.headers(), base.body()));
          case "query" -> out.add(new Request(what, base.path(), with(base.query(), name, value), base.headers(), base.body()));
          case "header" -> out.add(new Request(what, base.path(), base.query(), with(base.headers(), name, value), base.body()));
          default -> { }
        }
      }
    }
    JsonObject schema = bodySchema(operation);
    if (schema != null) {
      Object sample = samples.sample(schema, null);
      for (Raw body : HostileValues.bodies()) {
        out.add(new Request("body = " + clip(body.json()), base.path(), base.query(), base.headers(), body.json()));
      }
      out.add(new Request("body = 1 MB", base.path(), base.query(), base.headers(),
          AsciiJson.write(Map.of("x", HostileValues.huge()))));
      for (Map.Entry<String, JsonObject> field : pointers(schema, "", 0).entrySet()) {
        String pointer = field.getKey();
        for (Object value : valuesFor(field.getValue())) {
          Object body = replaced(Json.decodeValue(Json.encode(sample)), schema, pointer, value);
          out.add(new Request("body " + pointer + " = " + clip(String.valueOf(value)), base.path(), base.query(),
              base.headers(), AsciiJson.write(body)));
        }
      }
    }
    return out;
  }

  /** Every property of a body schema (optional ones too) and the first item of every array, to depth 4, with its schema. */
  private static Map<String, JsonObject> pointers(JsonObject schema, String at, int depth) {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    if (depth > 4) {
      return out;
    }
    String type = samples.type(schema);
    if ("object".equals(type)) {
      samples.properties(schema).forEach((name, property) -> {
        out.put(at + "/" + name, property);
        out.putAll(pointers(property, at + "/" + name, depth + 1));
      });
    } else if ("array".equals(type)) {
      JsonObject items = samples.resolve(schema.getJsonObject("items", samples.resolve(schema).getJsonObject("items", new JsonObject())));
      out.put(at + "/0", items);
      out.putAll(pointers(items, at + "/0", depth + 1));
    }
    return out;
  }

  /** The hostile values for a body field of this schema's type. */
  private static List<Object> valuesFor(JsonObject schema) {
    String type = samples.type(schema);
    if ("integer".equals(type) || "number".equals(type)) {
      return HostileValues.numberValues();
    }
    if ("array".equals(type) || "object".equals(type)) {
      return HostileValues.containerValues();
    }
    return HostileValues.textValues();
  }

  /** {@code sample} with the value at {@code pointer} replaced; containers missing on the way are made from the schema. */
  private static Object replaced(Object sample, JsonObject schema, String pointer, Object value) {
    String[] parts = pointer.substring(1).split("/");
    Object root = sample instanceof JsonObject ? sample : samples.sample(schema, null);
    Object container = root;
    JsonObject at = schema;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      boolean last = i == parts.length - 1;
      JsonObject child = "array".equals(samples.type(at))
          ? samples.resolve(at).getJsonObject("items", new JsonObject())
          : samples.properties(at).getOrDefault(part, new JsonObject());
      if (container instanceof JsonObject object) {
        if (last) {
          object.put(part, value);
        } else if (!(object.getValue(part) instanceof JsonObject) && !(object.getValue(part) instanceof JsonArray)) {
          object.put(part, samples.sample(child, part));
        }
        container = last ? null : object.getValue(part);
      } else if (container instanceof JsonArray array) {
        if (array.isEmpty()) {
          array.add(samples.sample(child, null));
        }
        if (last) {
          array.set(0, value);
        }
        container = last ? null : array.getValue(0);
      } else {
        break;
      }
      at = child;
    }
    return root;
  }

  private static Map<String, String> with(Map<String, String> map, String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(map);
    copy.put(name, value);
    return copy;
  }

  // ---- sending ----

  private static HttpResponse<Buffer> send(Operation operation, Request request) {
    String type = principal(operation);
    HttpResponse<Buffer> response = Await.result(once(operation, request, type));
    if (response != null && response.statusCode() == 401 && type != null) {
      // A base request may have signed the principal out (logout, revoke): a fresh token, and again.
      issue(type);
      response = Await.result(once(operation, request, type));
    }
    return response;
  }

  private static List<HttpResponse<Buffer>> sendAll(Operation operation, List<Request> requests) {
    String type = principal(operation);
    List<Future<HttpResponse<Buffer>>> sent = requests.stream().map(r -> once(operation, r, type)).toList();
    Await.result(Future.join(sent));
    List<HttpResponse<Buffer>> responses = sent.stream().map(Future::result).toList();
    if (type != null && responses.stream().anyMatch(r -> r != null && r.statusCode() == 401)) {
      issue(type);
    }
    return responses;
  }

  private static Future<HttpResponse<Buffer>> once(Operation operation, Request request, String type) {
    StringBuilder uri = new StringBuilder(request.path());
    String separator = "?";
    for (Map.Entry<String, String> q : request.query().entrySet()) {
      uri.append(separator).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
      separator = "&";
    }
    HttpRequest<Buffer> http = client.request(HttpMethod.valueOf(operation.method()), uri.toString()).timeout(20_000);
    if (type != null) {
      http.putHeader("Authorization", "Bearer " + tokens.get(type));
    }
    if (seeded("X-Cart-Token") != null && !request.headers().containsKey("X-Cart-Token")) {
      http.putHeader("X-Cart-Token", seeded("X-Cart-Token"));
    }
    try {
      request.headers().forEach(http::putHeader);
      Future<HttpResponse<Buffer>> response = request.body() == null ? http.send()
          : http.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(request.body()));
      // The client refuses to write some values (a newline in a header): nothing was sent.
      return response.recover(e -> Future.succeededFuture(null));
    } catch (RuntimeException e) {
      return Future.succeededFuture(null);
    }
  }

  /** A principal type the route admits (the first of its types, an admin for a permission), or null for public. */
  private static String principal(Operation operation) {
    Route route = operation.route();
    if (route == null) {
      return needsToken(operation.spec().getJsonArray("security")) ? "admin" : null;
    }
    Access access = route.access();
    if (!access.signedIn()) {
      return null;
    }
    if (access.types().isEmpty()) {
      return access.permission() != null ? "admin" : "customer";
    }
    return Principal.TYPES.stream().filter(access.types()::contains).findFirst().orElse("admin");
  }

  /** Whether every security requirement names a scheme (none is the empty, no-token one). */
  private static boolean needsToken(JsonArray security) {
    return security != null && !security.isEmpty()
        && security.stream().allMatch(r -> r instanceof JsonObject requirement && !requirement.isEmpty());
  }

  private static void issue(String type) {
    tokens.put(type, app.tokens.sign(new JsonObject().put("sub", subjects.get(type)).put("typ", type)
        .put("roles", new JsonArray()).put("email_verified", true), 3600));
  }

  // ---- ids the base requests created ----

  /** An id a request created, by path parameter name (product_id), field name (productId) or header. */
  static String seeded(String name) {
    if (name == null) {
      return null;
    }
    String key = name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
    return ids.get(key);
  }

  private static void harvest(Operation operation, HttpResponse<Buffer> response) {
    String token = response.getHeader("X-Cart-Token");
    if (token != null) {
      ids.put("x-cart-token", token);
    }
    Object body;
    try {
      body = response.body() == null ? null : Json.decodeValue(response.body());
    } catch (RuntimeException e) {
      return;
    }
    if (body instanceof JsonObject object && object.getValue("id") instanceof String id && operation.method().equals("POST")) {
      String collection = operation.path();
      contract.getJsonObject("paths").fieldNames().stream()
          .filter(p -> p.startsWith(collection + "/{") && p.indexOf('}') == p.length() - 1)
          .findFirst()
          .ifPresent(p -> ids.putIfAbsent(p.substring(collection.length() + 2, p.length() - 1), id));
    }
    collect(body, 0);
  }

  private static void collect(Object value, int depth) {
    if (depth > 4) {
      return;
    }
    if (value instanceof JsonObject object) {
      object.forEach(e -> {
        if (e.getKey().endsWith("Id") && e.getValue() instanceof String text && text.length() == 36) {
          ids.putIfAbsent(e.getKey().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(), text);
        }
        collect(e.getValue(), depth + 1);
      });
    } else if (value instanceof JsonArray array && !array.isEmpty()) {
      collect(array.getValue(0), depth + 1);
    }
  }

  // ---- text ----

  /** Percent-encoding of UTF-16 text as a hostile client writes it (a lone surrogate as its three bytes). */
  private static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1)))) {
        out.append(String.format("%%%02X%%%02X%%%02X", 0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F)));
      } else if (Character.isHighSurrogate(c)) {
        out.append(URLEncoder.encode(text.substring(i, i + 2), StandardCharsets.UTF_8));
        i++;
      } else {
        out.append(URLEncoder.encode(String.valueOf(c), StandardCharsets.UTF_8).replace("+", "%20"));
      }
    }
    return out.toString();
  }

  private static String clip(String text) {
    String shown = text == null ? "null" : text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + ")" : text;
    StringBuilder out = new StringBuilder();
    shown.chars().forEach(c -> out.append(c < 0x20 || c == 0x7f || Character.isSurrogate((char) c)
        ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return out.toString();
  }
}

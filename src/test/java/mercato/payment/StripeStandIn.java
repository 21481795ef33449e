package mercato.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.testing.HttpClient;

/**
 * A stand-in for Stripe's API on a free loopback port (WireMock), answering with the JSON
 * Stripe documents for PaymentIntents, card errors, refunds and events, and signing events
 * as Stripe does; plus the settings that point a Mercato node at it. Stubs are keyed by
 * what a test owns (its order id, its PaymentIntent id), so tests sharing the server do not
 * see each other's answers.
 */
final class StripeStandIn implements AutoCloseable {
  static final String SECRET_KEY = "sk_test_51MercatoStandInKey";
  static final String WEBHOOK_SECRET = "whsec_mercatoStandInEndpointSecret";

  final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  StripeStandIn() {
    server.start();
  }

  /** The node settings: Stripe enabled against this stand-in, with short timeouts. */
  Map<String, String> settings(long timeoutMs, long reconcileMs) {
    return Map.of(
        "payment.stripe.enabled", "true",
        "payment.stripe.apiBase", server.baseUrl(),
        "payment.stripe.secretKey", SECRET_KEY,
        "payment.stripe.webhookSecret", WEBHOOK_SECRET,
        "payment.stripe.timeoutMs", Long.toString(timeoutMs),
        "payment.stripe.reconcileMs", Long.toString(reconcileMs));
  }

  @Override
  public void close() {
    server.stop();
  }

  // ---- requests Mercato makes

  /** The create of the PaymentIntent for {@code order}, in scenario state {@code state} (null: any). */
  MappingBuilder create(UUID order) {
    return post(urlPathEqualTo("/v1/payment_intents"))
        .withHeader("Authorization", equalTo("Bearer " + SECRET_KEY))
        .withFormParam("metadata[order_id]", equalTo(order.toString()));
  }

  MappingBuilder retrieve(String intent) {
    return get(urlPathEqualTo("/v1/payment_intents/" + intent));
  }

  MappingBuilder search(UUID payment) {
    return get(urlPathEqualTo("/v1/payment_intents/search"))
        .withQueryParam("query", equalTo("metadata['payment_id']:'" + payment + "'"));
  }

  MappingBuilder capture(String intent) {
    return post(urlPathEqualTo("/v1/payment_intents/" + intent + "/capture"));
  }

  MappingBuilder cancel(String intent) {
    return post(urlPathEqualTo("/v1/payment_intents/" + intent + "/cancel"));
  }

  MappingBuilder refund(String intent) {
    return post(urlPathEqualTo("/v1/refunds")).withFormParam("payment_intent", equalTo(intent));
  }

  MappingBuilder listRefunds(String intent) {
    return get(urlPathEqualTo("/v1/refunds")).withQueryParam("payment_intent", equalTo(intent));
  }

  /** The creates Mercato sent for {@code order}, oldest first. */
  List<LoggedRequest> creates(UUID order) {
    return server.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
        .withRequestBody(containing("metadata%5Border_id%5D=" + order)));
  }

  List<LoggedRequest> refunds(String intent) {
    return server.findAll(postRequestedFor(urlPathEqualTo("/v1/refunds"))
        .withRequestBody(containing("payment_intent=" + intent)));
  }

  List<LoggedRequest> searches(UUID payment) {
    return server.findAll(getRequestedFor(urlPathEqualTo("/v1/payment_intents/search"))
        .withQueryParam("query", containing(payment.toString())));
  }

  /** A scenario of its own per test: a stub in {@code from}, moving to {@code to} once answered. */
  static MappingBuilder inScenario(MappingBuilder stub, String scenario, String from, String to) {
    ScenarioMappingBuilder staged = stub.inScenario(scenario).whenScenarioStateIs(from == null ? Scenario.STARTED : from);
    return to == null ? staged : staged.willSetStateTo(to);
  }

  // ---- Stripe's answers, shaped as its API reference documents them

  static ResponseDefinitionBuilder json(int status, JsonObject body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withHeader("Request-Id", "req_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14))
        .withBody(body.encodePrettily());
  }

  /** A PaymentIntent object in {@code status}, for {@code amount} minor units. */
  static JsonObject intent(String id, String status, long amount, String currency, UUID payment, UUID order,
      String captureMethod) {
    boolean captured = status.equals("succeeded");
    return new JsonObject()
        .put("id", id)
        .put("object", "payment_intent")
        .put("amount", amount)
        .put("amount_capturable", status.equals("requires_capture") ? amount : 0)
        .put("amount_details", new JsonObject().put("tip", new JsonObject()))
        .put("amount_received", captured ? amount : 0)
        .put("application", null)
        .put("application_fee_amount", null)
        .put("automatic_payment_methods", null)
        .put("canceled_at", null)
        .put("cancellation_reason", null)
        .put("capture_method", captureMethod)
        .put("client_secret", id + "_secret_Xa3fMercatoStandIn")
        .put("confirmation_method", "automatic")
        .put("created", System.currentTimeMillis() / 1000)
        .put("currency", currency)
        .put("customer", null)
        .put("description", "Mercato order " + order)
        .put("last_payment_error", null)
        .put("latest_charge", captured || status.equals("requires_capture") ? "ch_" + id.substring(3) : null)
        .put("livemode", false)
        .put("metadata", new JsonObject().put("order_id", order.toString())
            .put("payment_id", payment == null ? null : payment.toString()))
        .put("next_action", null)
        .put("on_behalf_of", null)
        .put("payment_method", "pm_1MercatoCard")
        .put("payment_method_options", new JsonObject().put("card", new JsonObject()
            .put("installments", null).put("mandate_options", null).put("network", null)
            .put("request_three_d_secure", "automatic")))
        .put("payment_method_types", new JsonArray().add("card"))
        .put("processing", null)
        .put("receipt_email", null)
        .put("review", null)
        .put("setup_future_usage", null)
        .put("shipping", null)
        .put("source", null)
        .put("statement_descriptor", null)
        .put("statement_descriptor_suffix", null)
        .put("status", status)
        .put("transfer_data", null)
        .put("transfer_group", null);
  }

  /** A PaymentIntent waiting for 3-D Secure, with the page the customer authenticates on. */
  static JsonObject requiresAction(String id, long amount, String currency, UUID payment, UUID order, String url) {
    return intent(id, "requires_action", amount, currency, payment, order, "automatic")
        .put("next_action", new JsonObject().put("type", "redirect_to_url").put("redirect_to_url", new JsonObject()
            .put("return_url", "http://127.0.0.1:8080/orders/" + order).put("url", url)));
  }

  /** A card decline: HTTP 402 with a {@code card_error} carrying the PaymentIntent, back to requires_payment_method. */
  static JsonObject cardError(String code, String declineCode, String message, JsonObject intent) {
    JsonObject error = new JsonObject()
        .put("code", code)
        .put("decline_code", declineCode)
        .put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'))
        .put("message", message)
        .put("type", "card_error");
    JsonObject failed = intent.copy().put("status", "requires_payment_method").put("last_payment_error", error.copy());
    return new JsonObject().put("error", error.put("payment_intent", failed)
        .put("request_log_url", "https://dashboard.stripe.com/test/logs/req_mercato"));
  }

  /** Stripe's answer to a request it could not process (a 5xx). */
  static JsonObject apiError() {
    return new JsonObject().put("error", new JsonObject().put("type", "api_error")
        .put("message", "An unknown error occurred"));
  }

  /** The answer to a repeat while the first request with the key is still running (409). */
  static JsonObject keyInUse() {
    return new JsonObject().put("error", new JsonObject().put("type", "idempotency_error")
        .put("code", "idempotency_key_in_use")
        .put("message", "There is currently another in-progress request using this Idempotent Key (that probably"
            + " means you submitted twice, and the other request is still going through)"));
  }

  /** A search_result of PaymentIntents. */
  static JsonObject searchResult(JsonObject... intents) {
    JsonArray data = new JsonArray();
    for (JsonObject intent : intents) {
      data.add(intent);
    }
    return new JsonObject().put("object", "search_result").put("url", "/v1/payment_intents/search")
        .put("has_more", false).put("data", data).put("next_page", null);
  }

  /** A Refund object. */
  static JsonObject refundObject(String id, String intent, long amount, String currency, String status,
      UUID refundId) {
    return new JsonObject()
        .put("id", id)
        .put("object", "refund")
        .put("amount", amount)
        .put("balance_transaction", "txn_" + id.substring(3))
        .put("charge", "ch_" + intent.substring(3))
        .put("created", System.currentTimeMillis() / 1000)
        .put("currency", currency)
        .put("destination_details", null)
        .put("metadata", refundId == null ? new JsonObject()
            : new JsonObject().put("refund_id", refundId.toString()))
        .put("payment_intent", intent)
        .put("reason", null)
        .put("receipt_number", null)
        .put("source_transfer_reversal", null)
        .put("status", status)
        .put("transfer_reversal", null);
  }

  static JsonObject refundList(String intent, JsonObject... refunds) {
    JsonArray data = new JsonArray();
    for (JsonObject refund : refunds) {
      data.add(refund);
    }
    return new JsonObject().put("object", "list").put("url", "/v1/refunds").put("has_more", false).put("data", data);
  }

  /** An Event carrying {@code object} as it was when {@code type} happened. */
  static JsonObject event(String id, String type, JsonObject object) {
    return new JsonObject()
        .put("id", id)
        .put("object", "event")
        .put("api_version", "2024-06-20")
        .put("created", System.currentTimeMillis() / 1000)
        .put("data", new JsonObject().put("object", object))
        .put("livemode", false)
        .put("pending_webhooks", 1)
        .put("request", new JsonObject().put("id", null).put("idempotency_key", null))
        .put("type", type);
  }

  // ---- Stripe delivering events to Mercato

  /** POSTs {@code body} to Mercato's Stripe webhook with the given {@code Stripe-Signature}. */
  static HttpResponse<Buffer> deliver(HttpClient http, String body, String signature) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json; charset=utf-8")
        .add("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
    if (signature != null) {
      headers.add("Stripe-Signature", signature);
    }
    return http.send(HttpMethod.POST, "/payments/webhook/stripe", headers, Buffer.buffer(body));
  }

  /** Signed now with the endpoint secret, as Stripe signs. */
  static HttpResponse<Buffer> deliver(HttpClient http, JsonObject event) {
    String body = event.encodePrettily();
    return deliver(http, body, signature(WEBHOOK_SECRET, System.currentTimeMillis() / 1000, body));
  }

  /** {@code t=<timestamp>,v1=<hex HMAC-SHA256 of "timestamp.body" keyed by the secret's text>}, as Stripe's docs say. */
  static String signature(String secret, long timestamp, String body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "t=" + timestamp + ",v1=" + java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

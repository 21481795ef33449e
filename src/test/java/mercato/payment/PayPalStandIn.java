package mercato.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.testing.HttpClient;

/**
 * A stand-in for PayPal's REST API on a free loopback port (WireMock), answering with the
 * JSON PayPal documents for OAuth2 tokens, Orders v2 (create, capture, look-up), capture
 * refunds, errors and webhook events, and playing PayPal's webhook verification: a
 * transmission signed {@link #GOOD_SIG} for {@link #WEBHOOK_ID} verifies, anything else
 * answers FAILURE. Stubs are keyed by what a test owns (its order id, its PayPal order id).
 */
final class PayPalStandIn implements AutoCloseable {
  static final String CLIENT_ID = "AeMercatoStandInClientId-0123456789";
  static final String CLIENT_SECRET = "EMercatoStandInClientSecret-9876543210";
  static final String WEBHOOK_ID = "8PT597110X687430LKGECATA";
  static final String TOKEN = "A21AAMercatoStandInAccessToken";
  static final String GOOD_SIG = "MercatoStandInTransmissionSignatureThatPayPalVerifies==";
  static final String CERT_URL = "https://api-m.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1d93a270";

  final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  PayPalStandIn() {
    server.start();
    issue(TOKEN, 32_400);
    server.stubFor(post(urlPathEqualTo(PayPalWebhooks.VERIFY)).atPriority(9)
        .willReturn(json(200, new JsonObject().put("verification_status", "FAILURE"))));
    server.stubFor(post(urlPathEqualTo(PayPalWebhooks.VERIFY)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.transmission_sig", equalTo(GOOD_SIG)))
        .withRequestBody(matchingJsonPath("$.webhook_id", equalTo(WEBHOOK_ID)))
        .withRequestBody(matchingJsonPath("$.auth_algo", equalTo("SHA256withRSA")))
        .withRequestBody(matchingJsonPath("$.cert_url", equalTo(CERT_URL)))
        .withRequestBody(matchingJsonPath("$.webhook_event.id"))
        .willReturn(json(200, new JsonObject().put("verification_status", "SUCCESS"))));
    warmUp();
  }

  /**
   * One answered request before Mercato's first, so a cold server's first answer does not
   * outlast the short timeouts the tests give PayPal calls.
   */
  private void warmUp() {
    try {
      java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + PayPalWebhooks.VERIFY))
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("the PayPal stand-in answered " + answer.statusCode());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the PayPal stand-in does not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The node settings: PayPal enabled against this stand-in, with short timeouts. */
  Map<String, String> settings(long timeoutMs, long reconcileMs) {
    return Map.of(
        "payment.paypal.enabled", "true",
        "payment.paypal.apiBase", server.baseUrl(),
        "payment.paypal.clientId", CLIENT_ID,
        "payment.paypal.clientSecret", CLIENT_SECRET,
        "payment.paypal.webhookId", WEBHOOK_ID,
        "payment.paypal.timeoutMs", Long.toString(timeoutMs),
        "payment.paypal.reconcileMs", Long.toString(reconcileMs));
  }

  @Override
  public void close() {
    server.stop();
  }

  /** From now on the token endpoint issues {@code token}, valid {@code expiresIn} seconds. */
  void issue(String token, long expiresIn) {
    server.stubFor(post(urlPathEqualTo("/v1/oauth2/token"))
        .withBasicAuth(CLIENT_ID, CLIENT_SECRET)
        .withRequestBody(equalTo("grant_type=client_credentials"))
        .willReturn(json(200, new JsonObject()
            .put("scope", "https://uri.paypal.com/services/payments/payment https://uri.paypal.com/services/payments/refund")
            .put("access_token", token)
            .put("token_type", "Bearer")
            .put("app_id", "APP-80W284485P519543T")
            .put("expires_in", expiresIn)
            .put("nonce", Instant.now().truncatedTo(ChronoUnit.SECONDS) + "MercatoNonce"))));
  }

  // ---- requests Mercato makes

  /** The create of the PayPal order for Mercato's {@code order}. */
  MappingBuilder create(UUID order) {
    return post(urlPathEqualTo("/v2/checkout/orders"))
        .withRequestBody(matchingJsonPath("$.purchase_units[0].reference_id", equalTo(order.toString())));
  }

  MappingBuilder capture(String orderId) {
    return post(urlPathEqualTo("/v2/checkout/orders/" + orderId + "/capture"));
  }

  MappingBuilder lookUp(String orderId) {
    return get(urlPathEqualTo("/v2/checkout/orders/" + orderId));
  }

  MappingBuilder refund(String captureId) {
    return post(urlPathEqualTo("/v2/payments/captures/" + captureId + "/refund"));
  }

  List<LoggedRequest> creates(UUID order) {
    return server.findAll(postRequestedFor(urlPathEqualTo("/v2/checkout/orders"))
        .withRequestBody(matchingJsonPath("$.purchase_units[0].reference_id", equalTo(order.toString()))));
  }

  List<LoggedRequest> captures(String orderId) {
    return server.findAll(postRequestedFor(urlPathEqualTo("/v2/checkout/orders/" + orderId + "/capture")));
  }

  List<LoggedRequest> lookUps(String orderId) {
    return server.findAll(getRequestedFor(urlPathEqualTo("/v2/checkout/orders/" + orderId)));
  }

  List<LoggedRequest> refunds(String captureId) {
    return server.findAll(postRequestedFor(urlPathEqualTo("/v2/payments/captures/" + captureId + "/refund")));
  }

  List<LoggedRequest> tokens() {
    return server.findAll(postRequestedFor(urlPathEqualTo("/v1/oauth2/token")));
  }

  List<LoggedRequest> verifications(String transmissionId) {
    return server.findAll(postRequestedFor(urlPathEqualTo(PayPalWebhooks.VERIFY))
        .withRequestBody(matchingJsonPath("$.transmission_id", equalTo(transmissionId))));
  }

  // ---- PayPal's answers, shaped as its API reference documents them

  /** A checkout on {@code shop} the payer is to approve at PayPal (looked up as such): the payment's id and the PayPal order's. */
  String[] awaitingPayer(StripeShop shop, StripeShop.Shopper shopper, UUID order, String value) {
    String id = orderId();
    JsonObject created = order(id, "PAYER_ACTION_REQUIRED", value, "EUR", order, null);
    server.stubFor(create(order).willReturn(json(200, created)));
    server.stubFor(lookUp(id).willReturn(json(200, created)));
    HttpResponse<Buffer> answer = shop.payPal(shopper, order, PayPalGateway.CHECKOUT);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
    assertThat(answer.bodyAsJsonObject().getString("status")).isEqualTo("pending");
    return new String[] {answer.bodyAsJsonObject().getString("paymentId"), id};
  }

  static ResponseDefinitionBuilder json(int status, JsonObject body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withHeader("Paypal-Debug-Id", UUID.randomUUID().toString().replace("-", "").substring(0, 13))
        .withBody(body.encodePrettily());
  }

  static String orderId() {
    return id(17);
  }

  static String captureId() {
    return id(17);
  }

  static String eventId() {
    return "WH-" + id(8) + "-" + id(17);
  }

  private static String id(int length) {
    String digits = UUID.randomUUID().toString().replace("-", "").toUpperCase();
    return digits.substring(0, length);
  }

  /** An order in {@code status} for {@code value} of {@code currency}, with the links of that status. */
  static JsonObject order(String id, String status, String value, String currency, UUID order, UUID payment) {
    JsonObject unit = new JsonObject()
        .put("reference_id", order.toString())
        .put("amount", new JsonObject().put("currency_code", currency).put("value", value))
        .put("payee", new JsonObject().put("email_address", "merchant@mercato.example").put("merchant_id", "7KNGBPH2U58GQ"))
        .put("description", "Mercato order " + order)
        .put("custom_id", payment == null ? null : payment.toString());
    JsonArray links = new JsonArray().add(link("https://api-m.sandbox.paypal.com/v2/checkout/orders/" + id, "self", "GET"));
    switch (status) {
      case "CREATED" -> links.add(link("https://www.sandbox.paypal.com/checkoutnow?token=" + id, "approve", "GET"));
      case "PAYER_ACTION_REQUIRED" -> links.add(link(
          "https://www.sandbox.paypal.com/checkoutnow?token=" + id, "payer-action", "GET"));
      case "APPROVED" -> links.add(link("https://api-m.sandbox.paypal.com/v2/checkout/orders/" + id + "/capture",
          "capture", "POST"));
      default -> { }
    }
    return new JsonObject()
        .put("id", id)
        .put("intent", "CAPTURE")
        .put("status", status)
        .put("payment_source", new JsonObject().put("paypal", new JsonObject()
            .put("email_address", "payer@mercato.example").put("account_id", "QYR5Z8XDVJNXQ")
            .put("account_status", "VERIFIED")
            .put("name", new JsonObject().put("given_name", "Ada").put("surname", "Payer"))))
        .put("purchase_units", new JsonArray().add(unit))
        .put("create_time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .put("links", links);
  }

  /** A completed order whose capture {@code captureId} is in {@code captureStatus}. */
  static JsonObject completed(String id, String captureId, String captureStatus, String value, String currency,
      UUID order, UUID payment) {
    JsonObject completed = order(id, "COMPLETED", value, currency, order, payment);
    completed.getJsonArray("purchase_units").getJsonObject(0).put("payments", new JsonObject()
        .put("captures", new JsonArray().add(capture(captureId, captureStatus, value, currency, id, payment))));
    return completed.put("payer", new JsonObject().put("email_address", "payer@mercato.example")
        .put("payer_id", "QYR5Z8XDVJNXQ"));
  }

  /** A capture object (in an order, or the resource of a PAYMENT.CAPTURE.* event). */
  static JsonObject capture(String id, String status, String value, String currency, String orderId, UUID payment) {
    JsonObject capture = new JsonObject()
        .put("id", id)
        .put("status", status)
        .put("amount", new JsonObject().put("currency_code", currency).put("value", value))
        .put("final_capture", true)
        .put("seller_protection", new JsonObject().put("status", "ELIGIBLE")
            .put("dispute_categories", new JsonArray().add("ITEM_NOT_RECEIVED").add("UNAUTHORIZED_TRANSACTION")))
        .put("custom_id", payment == null ? null : payment.toString())
        .put("supplementary_data", new JsonObject().put("related_ids", new JsonObject().put("order_id", orderId)))
        .put("create_time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .put("update_time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .put("links", new JsonArray()
            .add(link("https://api-m.sandbox.paypal.com/v2/payments/captures/" + id, "self", "GET"))
            .add(link("https://api-m.sandbox.paypal.com/v2/payments/captures/" + id + "/refund", "refund", "POST"))
            .add(link("https://api-m.sandbox.paypal.com/v2/checkout/orders/" + orderId, "up", "GET")));
    if (status.equals("DECLINED")) {
      capture.put("status_details", new JsonObject().put("reason", "DECLINED_BY_RISK_FRAUD_FILTERS"));
    }
    return capture;
  }

  /** A refund object of the capture {@code captureId}; {@code refundId} is the custom_id Mercato sent (null: made at PayPal). */
  static JsonObject refundObject(String id, String status, String value, String currency, String captureId,
      UUID refundId) {
    return new JsonObject()
        .put("id", id)
        .put("status", status)
        .put("amount", new JsonObject().put("currency_code", currency).put("value", value))
        .put("custom_id", refundId == null ? null : refundId.toString())
        .put("seller_payable_breakdown", new JsonObject()
            .put("gross_amount", new JsonObject().put("currency_code", currency).put("value", value)))
        .put("create_time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .put("links", new JsonArray()
            .add(link("https://api-m.sandbox.paypal.com/v2/payments/refunds/" + id, "self", "GET"))
            .add(link("https://api-m.sandbox.paypal.com/v2/payments/captures/" + captureId, "up", "GET")));
  }

  /** PayPal's error: {@code {name, message, debug_id, details: [{issue, description}], links}}. */
  static JsonObject error(String name, String issue, String description) {
    return new JsonObject()
        .put("name", name)
        .put("message", "The requested action could not be performed, semantically incorrect, or failed business"
            + " validation.")
        .put("debug_id", "f3b5c1d2e4a6b")
        .put("details", new JsonArray().add(new JsonObject().put("issue", issue).put("description", description)))
        .put("links", new JsonArray().add(link("https://developer.paypal.com/docs/api/orders/v2/#error-" + issue,
            "information_link", "GET")));
  }

  /** A webhook event carrying {@code resource}. */
  static JsonObject event(String id, String type, String resourceType, JsonObject resource) {
    return new JsonObject()
        .put("id", id)
        .put("event_version", "1.0")
        .put("create_time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .put("resource_type", resourceType)
        .put("resource_version", "2.0")
        .put("event_type", type)
        .put("summary", type.toLowerCase().replace('.', ' '))
        .put("resource", resource)
        .put("links", new JsonArray()
            .add(link("https://api-m.sandbox.paypal.com/v1/notifications/webhooks-events/" + id, "self", "GET")));
  }

  private static JsonObject link(String href, String rel, String method) {
    return new JsonObject().put("href", href).put("rel", rel).put("method", method);
  }

  // ---- PayPal delivering events to Mercato

  /** The transmission headers of one delivery; null values are left out. */
  static MultiMap transmission(String id, String time, String signature) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json")
        .add("User-Agent", "PayPal/AUHD-214.0-58337463")
        .add("PAYPAL-CERT-URL", CERT_URL)
        .add("PAYPAL-AUTH-ALGO", "SHA256withRSA");
    if (id != null) {
      headers.add("PAYPAL-TRANSMISSION-ID", id);
    }
    if (time != null) {
      headers.add("PAYPAL-TRANSMISSION-TIME", time);
    }
    if (signature != null) {
      headers.add("PAYPAL-TRANSMISSION-SIG", signature);
    }
    return headers;
  }

  static HttpResponse<Buffer> deliver(HttpClient http, String body, MultiMap headers) {
    return http.send(HttpMethod.POST, "/payments/webhook/paypal", headers, Buffer.buffer(body));
  }

  /** Sent now, signed as PayPal signs (the stand-in's verification accepts it). */
  static HttpResponse<Buffer> deliver(HttpClient http, JsonObject event) {
    return deliver(http, event.encodePrettily(), transmission(UUID.randomUUID().toString(), Instant.now().toString(),
        GOOD_SIG));
  }
}

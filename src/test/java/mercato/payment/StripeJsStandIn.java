package mercato.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static mercato.payment.StripeStandIn.json;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mercato.testing.HttpClient;

/**
 * The browser's side of Stripe for the storefront tests, on a loopback port of the range
 * 19100-19199: serves a stand-in of Stripe.js ({@code /v3/}, test resource
 * {@code stripe-js/v3.js}) that talks to the {@link StripeStandIn}'s API, stubs there what
 * Stripe.js calls (PaymentMethods from card numbers, PaymentIntents read with their client
 * secret), and plays the bank's 3-D Secure page ({@code /3ds/<pi>}): completing or failing it
 * changes what the PaymentIntent says and sends Mercato the signed event Stripe would send.
 */
final class StripeJsStandIn implements AutoCloseable {
  static final String PUBLISHABLE_KEY = "pk_test_51MercatoStandInPublishable";
  /** Card numbers of Stripe's test mode, and the PaymentMethods the stand-in makes of them. */
  static final String VISA = "4242424242424242";
  static final String THREE_D_SECURE = "4000002760003184";
  static final String DECLINED = "4000000000000002";
  static final String MISTYPED = "4242424242424241";
  static final Map<String, String> PAYMENT_METHODS = Map.of(VISA, "pm_1MercatoVisa4242",
      THREE_D_SECURE, "pm_1MercatoThreeDSecure3184", DECLINED, "pm_1MercatoDeclined0002");
  private static final Pattern STEP = Pattern.compile("/3ds/(pi_[A-Za-z0-9]+)(?:/(complete|fail))?");

  /** A PaymentIntent waiting for 3-D Secure: what the events about it carry. */
  private record Waiting(UUID order, long amount) {}

  private final StripeStandIn stripe;
  private final HttpServer server;
  private final IntSupplier mercatoPort;
  private final ExecutorService threads = Executors.newFixedThreadPool(2, work -> {
    Thread thread = new Thread(work, "stripe-js-stand-in");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
  final String origin;

  /** {@code mercatoPort}: asked when an event is sent (the node starts after this stand-in, knowing its address). */
  StripeJsStandIn(StripeStandIn stripe, IntSupplier mercatoPort) {
    this.stripe = stripe;
    this.server = bind();
    this.origin = "http://127.0.0.1:" + server.getAddress().getPort();
    this.mercatoPort = mercatoPort;
    server.createContext("/v3/", exchange -> send(exchange, 200, "text/javascript; charset=utf-8",
        script().replace("__API_BASE__", stripe.server.baseUrl())));
    server.createContext("/3ds/", this::threeDSecure);
    server.setExecutor(threads);
    server.start();
    for (Map.Entry<String, String> card : PAYMENT_METHODS.entrySet()) {
      stripe.server.stubFor(paymentMethods(card.getKey()).willReturn(browser(json(200, paymentMethod(card.getValue(),
          card.getKey())))));
    }
    stripe.server.stubFor(paymentMethods(MISTYPED).willReturn(browser(json(402, new JsonObject().put("error",
        new JsonObject().put("type", "card_error").put("code", "incorrect_number").put("param", "card[number]")
            .put("message", "Your card number is incorrect."))))));
  }

  /** The node settings pointing the storefront at this Stripe.js. */
  Map<String, String> settings() {
    return Map.of("payment.stripe.publishableKey", PUBLISHABLE_KEY,
        "payment.stripe.jsUrl", origin + "/v3/",
        "payment.stripe.threeDSecureFrames", origin);
  }

  /** {@code pi} of {@code order} waits for 3-D Secure: Stripe.js reads it, then the bank's page here decides. */
  void awaitsThreeDSecure(String pi, UUID order, long amount) {
    waiting.put(pi, new Waiting(order, amount));
    stripe.server.stubFor(stripe.retrieve(pi).willReturn(browser(json(200,
        StripeStandIn.requiresAction(pi, amount, "eur", null, order, origin + "/3ds/" + pi)))));
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private com.github.tomakehurst.wiremock.client.MappingBuilder paymentMethods(String number) {
    return post(urlPathEqualTo("/v1/payment_methods")).withFormParam("key", equalTo(PUBLISHABLE_KEY))
        .withFormParam("card[number]", equalTo(number));
  }

  /** Stripe's API answers browsers of any origin. */
  private static ResponseDefinitionBuilder browser(ResponseDefinitionBuilder answer) {
    return answer.withHeader("Access-Control-Allow-Origin", "*");
  }

  private static JsonObject paymentMethod(String id, String number) {
    return new JsonObject().put("id", id).put("object", "payment_method").put("type", "card")
        .put("created", System.currentTimeMillis() / 1000).put("livemode", false).put("customer", null)
        .put("billing_details", new JsonObject().put("address", new JsonObject()).put("email", null).put("name", null))
        .put("card", new JsonObject().put("brand", number.startsWith("4") ? "visa" : "unknown")
            .put("last4", number.substring(number.length() - 4)).put("exp_month", 12).put("exp_year", 2034)
            .put("funding", "credit").put("country", "US"));
  }

  /** The bank's page (GET), and the shopper completing or failing it (POST). */
  private void threeDSecure(HttpExchange exchange) throws IOException {
    Matcher step = STEP.matcher(exchange.getRequestURI().getPath());
    Waiting intent = step.matches() ? waiting.get(step.group(1)) : null;
    if (intent == null) {
      send(exchange, 404, "text/plain", "no such authentication");
      return;
    }
    String pi = step.group(1);
    if (step.group(2) == null) {
      send(exchange, 200, "text/html; charset=utf-8", """
          <!doctype html><html lang="en"><head><title>3-D Secure test page</title></head><body>
          <h1>3-D Secure test payment</h1>
          <form method="post" action="/3ds/%1$s/complete"><button id="complete">Complete authentication</button></form>
          <form method="post" action="/3ds/%1$s/fail"><button id="fail">Fail authentication</button></form>
          </body></html>""".formatted(pi));
      return;
    }
    boolean completed = step.group(2).equals("complete");
    UUID payment = UUID.fromString(StripeShop.form(stripe.creates(intent.order()).get(0), "metadata[payment_id]"));
    JsonObject after = StripeStandIn.intent(pi, completed ? "succeeded" : "requires_payment_method", intent.amount(),
        "eur", payment, intent.order(), "automatic");
    if (!completed) {
      after.put("last_payment_error", new JsonObject().put("type", "invalid_request_error")
          .put("code", "payment_intent_authentication_failure")
          .put("message", "We are unable to authenticate your payment method. Please choose a different payment"
              + " method and try again."));
    }
    stripe.server.stubFor(stripe.retrieve(pi).willReturn(browser(json(200, after))));
    int delivered;
    try (HttpClient mercato = new HttpClient(mercatoPort.getAsInt())) {
      delivered = StripeStandIn.deliver(mercato, StripeStandIn.event(StripeShop.eventId(),
          completed ? "payment_intent.succeeded" : "payment_intent.payment_failed", after)).statusCode();
    }
    if (delivered != 200) {
      send(exchange, 500, "text/plain", "Mercato answered the event " + delivered);
      return;
    }
    send(exchange, 200, "text/html; charset=utf-8", """
        <!doctype html><html lang="en"><head><title>3-D Secure done</title></head><body><p>Done.</p>
        <script>parent.postMessage({type: 'stand-in-3ds-done'}, '*');</script></body></html>""");
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String script() {
    try (InputStream in = StripeJsStandIn.class.getResourceAsStream("/stripe-js/v3.js")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port of this suite's range (19100-19199) nobody holds. */
  private static HttpServer bind() {
    for (int port = 19100; port < 19200; port++) {
      try {
        return HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      } catch (BindException taken) {
        // try the next one
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free port in 19100-19199");
  }
}

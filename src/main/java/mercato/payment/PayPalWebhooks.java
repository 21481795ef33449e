package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PayPal's webhook ({@code POST /payments/webhook/paypal}). Its transmission headers must be
 * there and its transmission time within the tolerance of now; then PayPal itself is asked
 * whether the event is genuine ({@code POST /v1/notifications/verify-webhook-signature}
 * with the configured webhook id): anything but {@code SUCCESS} is 400 and changes nothing,
 * and PayPal not answering is 503 (PayPal delivers again). The event id is recorded in the
 * same transaction as its effect, so a redelivery is a no-op. An approved order (its
 * purchase unit's {@code custom_id} names the payment) is handed to the reconciler, which
 * captures it; a capture event settles the payment, only forward ({@link PaymentTransitions}:
 * a completion after a denial changes nothing); a refund event settles the Mercato refund
 * its {@code custom_id} names, or records a refund made at PayPal once. Other events, and
 * events for payments that are not Mercato's, are answered 200 and ignored.
 */
final class PayPalWebhooks {
  private static final Logger LOG = LoggerFactory.getLogger(PayPalWebhooks.class);
  static final String VERIFY = "/v1/notifications/verify-webhook-signature";
  static final List<String> HEADERS = List.of("PAYPAL-TRANSMISSION-ID", "PAYPAL-TRANSMISSION-TIME",
      "PAYPAL-TRANSMISSION-SIG", "PAYPAL-CERT-URL", "PAYPAL-AUTH-ALGO");
  static final Set<String> ORDER_EVENTS = Set.of("CHECKOUT.ORDER.APPROVED", "CHECKOUT.ORDER.COMPLETED");
  static final Set<String> CAPTURE_EVENTS = Set.of("PAYMENT.CAPTURE.COMPLETED", "PAYMENT.CAPTURE.DENIED",
      "PAYMENT.CAPTURE.DECLINED", "PAYMENT.CAPTURE.PENDING");
  static final String REFUND_EVENT = "PAYMENT.CAPTURE.REFUNDED";
  static final String BY_ID = """
      SELECT id, gateway_reference, status, amount, currency FROM payments WHERE id = $1 AND gateway = 'paypal'
      """;
  static final String BY_REFERENCE = """
      SELECT id, gateway_reference, status, amount, currency FROM payments WHERE gateway = 'paypal' AND gateway_reference = $1
      """;
  static final String LOCK_BY_REFERENCE = """
      SELECT id FROM payments WHERE gateway = 'paypal' AND gateway_reference = $1 FOR UPDATE
      """;
  static final String OUTSIDE_REASON = "refunded-at-gateway";

  private final Pool pool;
  private final PaymentTransitions transitions;
  private final RefundLedger ledger;
  private final PayPalClient client;
  private final PayPalConfig config;
  private final Runnable checkNow;

  /** @param checkNow wakes the reconciler (an approved order to capture is due) */
  PayPalWebhooks(Pool pool, PaymentTransitions transitions, RefundLedger ledger, PayPalClient client,
      PayPalConfig config, Runnable checkNow) {
    this.pool = pool;
    this.transitions = transitions;
    this.ledger = ledger;
    this.client = client;
    this.config = config;
    this.checkNow = checkNow;
  }

  Future<?> receive(Envelope envelope) {
    if (!config.enabled()) {
      throw Problem.notFound("No such gateway.");
    }
    JsonObject headers = envelope.headers() == null ? new JsonObject() : envelope.headers();
    JsonObject transmission = new JsonObject();
    for (String name : HEADERS) {
      String value = headers.getValue(name.toLowerCase()) instanceof String text ? text.strip() : "";
      if (value.isEmpty() || value.length() > 2048) {
        throw Problem.invalidField("/" + name, "is required on a PayPal webhook");
      }
      transmission.put(name, value);
    }
    if (!fresh(transmission.getString("PAYPAL-TRANSMISSION-TIME"))) {
      throw Problem.invalidField("/PAYPAL-TRANSMISSION-TIME", "is not an ISO 8601 time within "
          + config.webhookToleranceSeconds() + " s of now");
    }
    JsonObject event;
    try {
      event = new JsonObject(headers.getString("raw-body", ""));
    } catch (DecodeException | ClassCastException e) {
      throw Problem.malformedJson("The webhook body is not a JSON object.");
    }
    return verified(transmission, event).compose(v -> apply(event));
  }

  /** PayPal's own verdict on the transmission; SUCCESS or the event is refused. */
  private Future<Void> verified(JsonObject transmission, JsonObject event) {
    JsonObject ask = new JsonObject()
        .put("auth_algo", transmission.getString("PAYPAL-AUTH-ALGO"))
        .put("cert_url", transmission.getString("PAYPAL-CERT-URL"))
        .put("transmission_id", transmission.getString("PAYPAL-TRANSMISSION-ID"))
        .put("transmission_sig", transmission.getString("PAYPAL-TRANSMISSION-SIG"))
        .put("transmission_time", transmission.getString("PAYPAL-TRANSMISSION-TIME"))
        .put("webhook_id", config.webhookId())
        .put("webhook_event", event);
    return client.post(VERIFY, ask, null).transform(done -> {
      if (done.failed()) {
        LOG.warn("PayPal's webhook verification did not answer ({}); the event is refused for PayPal to send again",
            done.cause().getMessage());
        return Future.failedFuture(new Problem(ProblemType.GATEWAY_UNAVAILABLE,
            "PayPal could not verify the webhook now; deliver it again."));
      }
      GatewayHttp.Reply reply = done.result();
      if (reply.ok() && "SUCCESS".equals(reply.body().getValue("verification_status"))) {
        return Future.succeededFuture();
      }
      return Future.failedFuture(Problem.invalidField("/PAYPAL-TRANSMISSION-SIG", "PayPal did not verify this"
          + " transmission for the configured webhook id"));
    });
  }

  private Future<JsonObject> apply(JsonObject event) {
    String id = event.getValue("id") instanceof String text && !text.isBlank() && text.length() <= 200 ? text : null;
    String type = event.getValue("event_type") instanceof String text ? text : null;
    JsonObject resource = event.getValue("resource") instanceof JsonObject object ? object : null;
    if (id == null || type == null || resource == null) {
      throw Problem.invalidField("/resource", "a PayPal event has an id, an event_type and a resource");
    }
    boolean order = ORDER_EVENTS.contains(type);
    boolean capture = CAPTURE_EVENTS.contains(type);
    if (!order && !capture && !REFUND_EVENT.equals(type)) {
      return WebhookReplies.ignored("not an event Mercato uses");
    }
    boolean[] captureDue = {false};
    return pool.withTransaction(tx -> WebhookReplies.once(tx, id, PayPalGateway.NAME, type,
            () -> order ? order(tx, resource, captureDue) : capture ? capture(tx, resource) : refund(tx, resource)))
        .onSuccess(answer -> {
          if (captureDue[0]) {
            checkNow.run();
          }
        });
  }

  /** An order's snapshot: approved is captured by the reconciler, anything else applied as it says. */
  private Future<JsonObject> order(SqlConnection tx, JsonObject order, boolean[] captureDue) {
    Gateway.Result said;
    try {
      said = PayPalAnswers.order(order);
    } catch (Gateway.OutcomeUnknown unreadable) {
      return WebhookReplies.ignored("the order cannot be read: " + unreadable.getMessage());
    }
    JsonObject unit = order.getValue("purchase_units") instanceof JsonArray units && !units.isEmpty()
        && units.getValue(0) instanceof JsonObject first ? first : new JsonObject();
    String orderId = (String) order.getValue("id");
    return payment(tx, WebhookReplies.uuid(unit.getValue("custom_id")), orderId).compose(payment -> {
      if (payment == null) {
        return WebhookReplies.ignored("no Mercato payment is this order's");
      }
      UUID paymentId = payment.getUUID("id");
      String reference = payment.getString("gateway_reference");
      if (reference != null && !reference.equals(orderId)) {
        return WebhookReplies.ignored("the payment is another order's, or captured already");
      }
      if (said.outcome() == Gateway.Outcome.APPROVED && PaymentStatus.FAILED.text.equals(payment.getString("status"))) {
        return WebhookReplies.ignored("the payment failed or was given up: the order is not captured");
      }
      Future<Void> referenced = reference != null ? Future.succeededFuture()
          : tx.preparedQuery(StripeWebhooks.NAME_REFERENCE).execute(Tuple.of(paymentId, orderId)).mapEmpty();
      if (said.outcome() == Gateway.Outcome.APPROVED) {
        captureDue[0] = true;
        return referenced.compose(v -> transitions.checkNow(tx, paymentId))
            .map(v -> new JsonObject().put("received", true).put("capture", "due"));
      }
      return referenced.compose(v -> transitions.apply(tx, paymentId, said))
          .map(status -> new JsonObject().put("received", true).put("status", status.text));
    });
  }

  /** A capture's snapshot, for the payment its {@code custom_id} names, of the payment's amount. */
  private Future<JsonObject> capture(SqlConnection tx, JsonObject capture) {
    String orderId = capture.getValue("supplementary_data") instanceof JsonObject data
        && data.getValue("related_ids") instanceof JsonObject related && related.getValue("order_id") instanceof String
        text ? text : null;
    Gateway.Result said;
    try {
      said = PayPalAnswers.captured(orderId, capture);
    } catch (Gateway.OutcomeUnknown unreadable) {
      return WebhookReplies.ignored("the capture cannot be read: " + unreadable.getMessage());
    }
    return payment(tx, WebhookReplies.uuid(capture.getValue("custom_id")), orderId).compose(payment -> {
      if (payment == null) {
        return WebhookReplies.ignored("no Mercato payment is this capture's");
      }
      String reference = payment.getString("gateway_reference");
      String captureId = (String) capture.getValue("id");
      if (reference != null && !reference.equals(orderId) && !reference.equals(captureId)) {
        return WebhookReplies.ignored("the payment is another order's");
      }
      Long amount = PayPalAmounts.minor(capture.getValue("amount"), payment.getString("currency"));
      if (said.outcome() == Gateway.Outcome.CAPTURED && (amount == null || !amount.equals(payment.getLong("amount")))) {
        LOG.warn("PayPal capture {} of payment {} is of {} {}, not the payment's amount; not applied", captureId,
            payment.getUUID("id"), capture.getValue("amount"), payment.getString("currency"));
        return WebhookReplies.ignored("the capture is not of the payment's amount");
      }
      Gateway.Result applied = said.reference() == null
          ? new Gateway.Result(said.outcome(), reference, said.reason(), said.actionUrl(), said.actionSecret()) : said;
      return transitions.apply(tx, payment.getUUID("id"), applied)
          .map(status -> new JsonObject().put("received", true).put("status", status.text));
    });
  }

  /** A refund of a capture (its {@code up} link): Mercato's own settled, one made at PayPal recorded once. */
  private Future<JsonObject> refund(SqlConnection tx, JsonObject refund) {
    Gateway.Result said;
    try {
      said = PayPalAnswers.refund(refund);
    } catch (Gateway.OutcomeUnknown unreadable) {
      return WebhookReplies.ignored("the refund cannot be read: " + unreadable.getMessage());
    }
    String captureId = capturedBy(PayPalAnswers.link(refund, "up"));
    UUID refundId = WebhookReplies.uuid(refund.getValue("custom_id"));
    // The payment's row first: a refund Mercato is making right now commits before this looks.
    return tx.preparedQuery(LOCK_BY_REFERENCE).execute(Tuple.of(captureId)).compose(rows -> {
      if (rows.size() == 0) {
        return WebhookReplies.ignored("no Mercato payment is this refund's capture");
      }
      UUID paymentId = rows.iterator().next().getUUID("id");
      if (refundId != null) {
        return ledger.settle(tx, refundId, said).map(settled -> new JsonObject().put("received", true)
            .put("refund", settled ? "settled" : "known"));
      }
      return ledger.known(tx, paymentId, null, said.reference()).compose(known -> known
          || said.outcome() != Gateway.Outcome.APPROVED ? Future.succeededFuture(false) : outside(tx, paymentId, refund, said))
          .map(recorded -> new JsonObject().put("received", true).put("refund", recorded ? "recorded" : "known"));
    });
  }

  private Future<Boolean> outside(SqlConnection tx, UUID paymentId, JsonObject refund, Gateway.Result said) {
    return tx.preparedQuery(Payments.SELECT_PAYMENT).execute(Tuple.of(paymentId)).compose(rows -> {
      Long amount = PayPalAmounts.minor(refund.getValue("amount"), rows.iterator().next().getString("currency"));
      if (amount == null || amount <= 0) {
        return Future.succeededFuture(false);
      }
      return ledger.outside(tx, paymentId, amount, said.reference(), OUTSIDE_REASON).onSuccess(recorded -> {
        if (!recorded) {
          LOG.warn("PayPal refund {} of {} on payment {} does not fit what Mercato recorded as captured; not recorded",
              said.reference(), amount, paymentId);
        }
      });
    });
  }

  /** The payment {@code custom_id} names, else the one referring to {@code orderId}; null when neither is Mercato's. */
  private Future<Row> payment(SqlConnection tx, UUID named, String orderId) {
    Future<RowSet<Row>> found = named != null ? tx.preparedQuery(BY_ID).execute(Tuple.of(named))
        : orderId != null ? tx.preparedQuery(BY_REFERENCE).execute(Tuple.of(orderId)) : Future.succeededFuture(null);
    return found.map(rows -> rows == null || rows.size() == 0 ? null : rows.iterator().next());
  }

  private boolean fresh(String time) {
    try {
      Instant sent = OffsetDateTime.parse(time).toInstant();
      return Duration.between(sent, Instant.now()).abs().getSeconds() <= config.webhookToleranceSeconds();
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** The capture id at the end of a {@code .../v2/payments/captures/{id}} link. */
  private static String capturedBy(String href) {
    if (href == null) {
      return null;
    }
    int at = href.lastIndexOf("/captures/");
    String id = at < 0 ? "" : href.substring(at + "/captures/".length());
    return PayPalAnswers.ID.matcher(id).matches() ? id : null;
  }
}

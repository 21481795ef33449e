package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Problem;
import mercato.platform.work.Sequence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe's webhook ({@code POST /payments/webhook/stripe}). The {@code Stripe-Signature} over
 * the raw body is checked first (missing, forged or stale: 400, nothing changes). The event
 * id is recorded in the same transaction as its effect, so a redelivery is a no-op. A
 * PaymentIntent event settles the payment its {@code metadata[payment_id]} names as its
 * snapshot says (succeeded, failed, canceled), only forward ({@link PaymentTransitions}); an
 * authorisation awaiting capture is handed to the reconciler, which captures it. A refund
 * event settles the Mercato refund its {@code metadata[refund_id]} names, or records a refund
 * made elsewhere (the Dashboard) once, by its id. Other events, and events for payments that
 * are not Mercato's, are answered 200 and ignored.
 */
final class StripeWebhooks {
  private static final Logger LOG = LoggerFactory.getLogger(StripeWebhooks.class);
  static final Set<String> INTENT_EVENTS = Set.of("payment_intent.succeeded", "payment_intent.payment_failed",
      "payment_intent.canceled", "payment_intent.amount_capturable_updated", "payment_intent.processing",
      "payment_intent.requires_action");
  static final Set<String> REFUND_EVENTS = Set.of("refund.created", "refund.updated", "refund.failed",
      "charge.refund.updated", "charge.refunded");
  static final String BY_ID = "SELECT id, gateway_reference FROM payments WHERE id = $1 AND gateway = 'stripe'";
  static final String BY_REFERENCE = """
      SELECT id, gateway_reference FROM payments WHERE gateway = 'stripe' AND gateway_reference = $1
      """;
  static final String LOCK_BY_REFERENCE = """
      SELECT id FROM payments WHERE gateway = 'stripe' AND gateway_reference = $1 FOR UPDATE
      """;
  static final String NAME_REFERENCE = """
      UPDATE payments SET gateway_reference = $2 WHERE id = $1 AND gateway_reference IS NULL
      """;
  static final String OUTSIDE_REASON = "refunded-at-gateway";

  private final Pool pool;
  private final PaymentTransitions transitions;
  private final RefundLedger ledger;
  private final StripeConfig config;
  private final Runnable checkNow;

  /** @param checkNow wakes the reconciler (an authorisation to capture is due) */
  StripeWebhooks(Pool pool, PaymentTransitions transitions, RefundLedger ledger, StripeConfig config,
      Runnable checkNow) {
    this.pool = pool;
    this.transitions = transitions;
    this.ledger = ledger;
    this.config = config;
    this.checkNow = checkNow;
  }

  Future<?> receive(Envelope envelope) {
    if (!config.enabled()) {
      throw Problem.notFound("No such gateway.");
    }
    JsonObject headers = envelope.headers() == null ? new JsonObject() : envelope.headers();
    String raw = headers.getString("raw-body");
    if (!StripeSignature.verify(config.webhookSecret(), headers.getString("stripe-signature"), raw,
        System.currentTimeMillis() / 1000, config.webhookToleranceSeconds())) {
      throw Problem.invalidField("/Stripe-Signature", "is missing, does not sign this body with the endpoint's"
          + " secret, or its timestamp is more than " + config.webhookToleranceSeconds() + " s from now");
    }
    JsonObject event;
    try {
      event = new JsonObject(raw);
    } catch (DecodeException | ClassCastException e) {
      throw Problem.malformedJson("The webhook body is not a JSON object.");
    }
    String id = event.getValue("id") instanceof String text ? text : null;
    String type = event.getValue("type") instanceof String text ? text : null;
    JsonObject object = event.getValue("data") instanceof JsonObject data && data.getValue("object") instanceof JsonObject o
        ? o : null;
    if (id == null || type == null || object == null) {
      throw Problem.invalidField("/data/object", "a Stripe event has an id, a type and data.object");
    }
    boolean intent = INTENT_EVENTS.contains(type);
    if (!intent && !REFUND_EVENTS.contains(type)) {
      return Future.succeededFuture(new JsonObject().put("received", true).put("ignored", true));
    }
    boolean[] captureDue = {false};
    return pool.withTransaction(tx -> WebhookReplies.once(tx, id, StripeGateway.NAME, type,
        () -> intent ? intent(tx, object, captureDue) : refunds(tx, type, object))).onSuccess(answer -> {
      if (captureDue[0]) {
        checkNow.run();
      }
    });
  }

  /** A PaymentIntent's snapshot, applied to the payment its metadata names. */
  private Future<JsonObject> intent(SqlConnection tx, JsonObject intent, boolean[] captureDue) {
    Gateway.Result said;
    try {
      said = StripeAnswers.intent(intent);
    } catch (Gateway.OutcomeUnknown unreadable) {
      return ignored("the PaymentIntent cannot be read: " + unreadable.getMessage());
    }
    UUID named = uuid(intent.getValue("metadata") instanceof JsonObject metadata ? metadata.getValue("payment_id") : null);
    Future<io.vertx.sqlclient.RowSet<Row>> found = named != null
        ? tx.preparedQuery(BY_ID).execute(Tuple.of(named))
        : tx.preparedQuery(BY_REFERENCE).execute(Tuple.of(said.reference()));
    return found.compose(rows -> {
      if (rows.size() == 0) {
        return ignored("no Mercato payment is this PaymentIntent's");
      }
      Row payment = rows.iterator().next();
      UUID paymentId = payment.getUUID("id");
      String reference = payment.getString("gateway_reference");
      if (reference != null && !reference.equals(said.reference())) {
        return ignored("the payment is another PaymentIntent's");
      }
      Future<Void> referenced = reference != null ? Future.succeededFuture()
          : tx.preparedQuery(NAME_REFERENCE).execute(Tuple.of(paymentId, said.reference())).mapEmpty();
      if (said.outcome() == Gateway.Outcome.APPROVED) {
        captureDue[0] = true;
        return referenced.compose(v -> transitions.checkNow(tx, paymentId))
            .map(v -> new JsonObject().put("received", true).put("capture", "due"));
      }
      return referenced.compose(v -> transitions.apply(tx, paymentId, said))
          .map(status -> new JsonObject().put("received", true).put("status", status.text));
    });
  }

  /** A refund event (or the refunds a charge.refunded event lists), each settled or recorded once. */
  private Future<JsonObject> refunds(SqlConnection tx, String type, JsonObject object) {
    List<JsonObject> refunds = new java.util.ArrayList<>();
    if (type.equals("charge.refunded")) {
      // Since API version 2022-11-15 a Charge no longer lists its refunds: then refund.* events say it.
      JsonArray listed = object.getValue("refunds") instanceof JsonObject list ? list.getJsonArray("data") : null;
      if (listed == null) {
        return ignored("the charge lists no refunds; refund.created and refund.updated carry them");
      }
      listed.forEach(item -> {
        if (item instanceof JsonObject refund) {
          refunds.add(refund);
        }
      });
    } else {
      refunds.add(object);
    }
    return Sequence.each(refunds, refund -> refund(tx, refund))
        .map(v -> new JsonObject().put("received", true).put("refunds", refunds.size()));
  }

  private Future<Void> refund(SqlConnection tx, JsonObject refund) {
    Gateway.Result said;
    try {
      said = StripeAnswers.refund(refund);
    } catch (Gateway.OutcomeUnknown unreadable) {
      return Future.succeededFuture();
    }
    String intent = refund.getValue("payment_intent") instanceof String text ? text : null;
    UUID refundId = uuid(refund.getValue("metadata") instanceof JsonObject metadata ? metadata.getValue("refund_id") : null);
    // The payment's row first: a refund Mercato is making right now commits before this looks.
    return tx.preparedQuery(LOCK_BY_REFERENCE).execute(Tuple.of(intent)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture();
      }
      UUID paymentId = rows.iterator().next().getUUID("id");
      if (refundId != null) {
        return ledger.settle(tx, refundId, said).compose(settled -> {
          if (!settled && said.outcome() == Gateway.Outcome.DECLINED) {
            LOG.warn("Stripe reports refund {} ({}) of payment {} as {} after accepting it; Mercato keeps it refunded",
                refundId, said.reference(), paymentId, said.reason());
          }
          return Future.succeededFuture();
        });
      }
      return ledger.known(tx, paymentId, null, said.reference()).compose(known -> known
          || said.outcome() != Gateway.Outcome.APPROVED ? Future.succeededFuture() : outside(tx, paymentId, refund, said));
    });
  }

  /** A refund made at Stripe, not through Mercato: recorded once, within the capture. */
  private Future<Void> outside(SqlConnection tx, UUID paymentId, JsonObject refund, Gateway.Result said) {
    long amount = refund.getValue("amount") instanceof Number n ? n.longValue() : 0L;
    if (amount <= 0) {
      return Future.succeededFuture();
    }
    return ledger.outside(tx, paymentId, amount, said.reference(), OUTSIDE_REASON).map(recorded -> {
      if (!recorded) {
        LOG.warn("Stripe refund {} of {} on payment {} does not fit what Mercato recorded as captured; not recorded",
            said.reference(), amount, paymentId);
      }
      return null;
    });
  }

  private static Future<JsonObject> ignored(String why) {
    return WebhookReplies.ignored(why);
  }

  private static UUID uuid(Object value) {
    return WebhookReplies.uuid(value);
  }
}

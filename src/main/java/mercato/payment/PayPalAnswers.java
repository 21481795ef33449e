package mercato.payment;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.regex.Pattern;
import mercato.payment.Gateway.Outcome;
import mercato.payment.Gateway.Result;

/**
 * What PayPal's Orders v2 answers mean for Mercato, as its API documents them. Pure
 * functions, no Vert.x. An order {@code CREATED} or {@code PAYER_ACTION_REQUIRED} is pending
 * (the payer approves, or authenticates, at its {@code approve} or {@code payer-action}
 * link); {@code APPROVED} is authorised, to be captured; {@code COMPLETED} is what its
 * capture says ({@code COMPLETED} captured, {@code PENDING} pending, {@code DECLINED} or
 * {@code FAILED} declined); {@code VOIDED} declined. A pending, authorised or declined order
 * is referred to by the order's id (what the reconciler looks up); a captured one by its
 * capture's id (what a refund names). A 4xx error is declined with its issue as reason
 * ({@code INSTRUMENT_DECLINED}), except {@code ORDER_NOT_APPROVED} and
 * {@code PAYER_ACTION_REQUIRED} (pending) and {@code ORDER_ALREADY_CAPTURED} (to be looked
 * up). Anything Mercato cannot read is an unknown outcome, never a guess.
 */
final class PayPalAnswers {
  /** PayPal's ids: letters, digits and dashes (also what may go into a path). */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final Set<String> PENDING_ISSUES = Set.of("ORDER_NOT_APPROVED", "PAYER_ACTION_REQUIRED");

  private PayPalAnswers() {}

  /** The answer to a create, capture or look-up of an order. */
  static Result order(GatewayHttp.Reply reply) {
    if (reply.ok()) {
      return order(reply.body());
    }
    String issue = issue(reply.body());
    if (issue == null) {
      throw new Gateway.OutcomeUnknown("PayPal answered " + reply.status() + " without an error name");
    }
    if (issue.equals("ORDER_ALREADY_CAPTURED") || issue.equals("DUPLICATE_REQUEST_ID")) {
      throw new Gateway.OutcomeUnknown("PayPal answered " + issue + ": the order is to be looked up");
    }
    if (PENDING_ISSUES.contains(issue)) {
      return new Result(Outcome.PENDING, null, null, link(reply.body(), "payer-action", "approve"));
    }
    return new Result(Outcome.DECLINED, null, issue);
  }

  /** An order object: from an answer, a look-up, or an event. */
  static Result order(JsonObject order) {
    String id = identified(order, "order");
    String status = (String) order.getValue("status");
    return switch (status) {
      case "CREATED", "SAVED" -> new Result(Outcome.PENDING, id, null, link(order, "approve", "payer-action"));
      case "PAYER_ACTION_REQUIRED" -> new Result(Outcome.PENDING, id, null, link(order, "payer-action", "approve"));
      case "APPROVED" -> new Result(Outcome.APPROVED, id, null);
      case "COMPLETED" -> captured(id, lastCapture(order));
      case "VOIDED" -> new Result(Outcome.DECLINED, id, "VOIDED");
      default -> throw new Gateway.OutcomeUnknown("PayPal's order " + id + " has an unknown status " + status);
    };
  }

  /** A capture object (from an order, or a PAYMENT.CAPTURE.* event) of the order {@code orderId}. */
  static Result captured(String orderId, JsonObject capture) {
    if (capture == null) {
      throw new Gateway.OutcomeUnknown("PayPal's completed order " + orderId + " lists no capture");
    }
    String id = identified(capture, "capture");
    String status = (String) capture.getValue("status");
    return switch (status) {
      case "COMPLETED" -> new Result(Outcome.CAPTURED, id, null);
      case "PENDING" -> new Result(Outcome.PENDING, orderId, null);
      case "DECLINED", "FAILED" -> new Result(Outcome.DECLINED, orderId, capture.getValue("status_details")
          instanceof JsonObject details && details.getValue("reason") instanceof String why ? why : "CAPTURE_" + status);
      default -> throw new Gateway.OutcomeUnknown("PayPal's capture " + id + " has the status " + status);
    };
  }

  /** The answer to a refund: {@code COMPLETED} or {@code PENDING} is accepted, {@code CANCELLED} or {@code FAILED} declined. */
  static Result refund(GatewayHttp.Reply reply) {
    if (!reply.ok()) {
      String issue = issue(reply.body());
      if (issue == null || issue.equals("DUPLICATE_REQUEST_ID")) {
        throw new Gateway.OutcomeUnknown("PayPal answered " + reply.status() + " (" + issue + ") to a refund");
      }
      return new Result(Outcome.DECLINED, null, issue);
    }
    return refund(reply.body());
  }

  /** A refund object: from an answer or an event. */
  static Result refund(JsonObject refund) {
    String id = identified(refund, "refund");
    String status = (String) refund.getValue("status");
    return switch (status) {
      case "COMPLETED", "PENDING" -> new Result(Outcome.APPROVED, id, null);
      case "CANCELLED", "FAILED" -> new Result(Outcome.DECLINED, id, "REFUND_" + status);
      default -> throw new Gateway.OutcomeUnknown("PayPal's refund " + id + " has the status " + status);
    };
  }

  /** The issue of an error ({@code details[0].issue}), else its {@code name}; null when it has neither. */
  static String issue(JsonObject error) {
    if (error.getValue("details") instanceof JsonArray details && !details.isEmpty()
        && details.getValue(0) instanceof JsonObject first && first.getValue("issue") instanceof String issue
        && !issue.isBlank()) {
      return issue;
    }
    return error.getValue("name") instanceof String name && !name.isBlank() ? name : null;
  }

  /** The last capture of the order's first purchase unit (a retried capture lists the earlier, declined one first). */
  static JsonObject lastCapture(JsonObject order) {
    if (order.getValue("purchase_units") instanceof JsonArray units && !units.isEmpty()
        && units.getValue(0) instanceof JsonObject unit && unit.getValue("payments") instanceof JsonObject payments
        && payments.getValue("captures") instanceof JsonArray captures && !captures.isEmpty()
        && captures.getValue(captures.size() - 1) instanceof JsonObject capture) {
      return capture;
    }
    return null;
  }

  /** The href of the first link with one of {@code rels}, in that order of preference. */
  static String link(JsonObject object, String... rels) {
    if (!(object.getValue("links") instanceof JsonArray links)) {
      return null;
    }
    for (String rel : rels) {
      for (Object item : links) {
        if (item instanceof JsonObject link && rel.equals(link.getValue("rel")) && link.getValue("href") instanceof String
            href && (href.startsWith("https://") || href.startsWith("http://"))) {
          return href;
        }
      }
    }
    return null;
  }

  /** The id of a PayPal object with a text id and status; else the outcome is unknown. */
  private static String identified(JsonObject object, String name) {
    if (!(object.getValue("id") instanceof String id) || !ID.matcher(id).matches()
        || !(object.getValue("status") instanceof String)) {
      throw new Gateway.OutcomeUnknown("PayPal's answer is not a readable " + name);
    }
    return id;
  }
}

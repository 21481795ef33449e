package mercato.platform.bus;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one table of problem types: each has a fixed slug ({@code /problems/<slug>}, a page
 * the edge serves), title, status and meaning, whoever raises it. What differs from one case to the next goes in the
 * problem's detail. docs/errors.md lists this table, one row per slug ({@code ProblemTypeTest}
 * keeps the two in step).
 */
public enum ProblemType {
  VALIDATION(400, "validation", "Invalid request",
      "The body or a parameter breaks the contract or a rule; errors[].pointer names each field."),
  MALFORMED_JSON(400, "malformed-json", "Malformed JSON",
      "The body is not JSON."),
  UNAUTHENTICATED(401, "unauthenticated", "Authentication required",
      "No, malformed, expired or unverifiable bearer token."),
  FORBIDDEN(403, "forbidden", "Forbidden",
      "Signed in, but not allowed."),
  EMAIL_NOT_VERIFIED(403, "email-not-verified", "Email not verified",
      "The operation needs a verified email address."),
  PURCHASE_REQUIRED(403, "purchase-required", "Purchase required",
      "A review of a product the caller has not bought, where that is required."),
  NOT_FOUND(404, "not-found", "Not found",
      "No such route or resource (also for resources of others)."),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed",
      "The path exists with other methods."),
  CONFLICT(409, "conflict", "Conflict",
      "The request collides with what exists (a taken email, slug, sku or code; a refund over the capture)."),
  ALREADY_REVIEWED(409, "already-reviewed", "Already reviewed",
      "One review per author and product or company."),
  CART_EMPTY(409, "cart-empty", "Cart is empty",
      "Checkout of an empty cart."),
  CURRENCY_MISMATCH(409, "currency-mismatch", "Several currencies",
      "Lines in more than one currency."),
  IDEMPOTENCY_KEY_IN_PROGRESS(409, "idempotency-key-in-progress", "Request in progress",
      "The first request with this Idempotency-Key has not finished, or failed (send it again)."),
  IDEMPOTENCY_KEY_REUSED(409, "idempotency-key-reused", "Idempotency key reused",
      "The key (or an external reference) came with another body."),
  INVALID_STATE(409, "invalid-state", "Invalid state",
      "The resource's state does not allow it (an order not awaiting payment, a removed programme)."),
  OUT_OF_STOCK(409, "out-of-stock", "Out of stock",
      "Not enough available stock."),
  PRODUCT_INACTIVE(409, "product-inactive", "Product not available",
      "A cart line for a product that is not on sale."),
  PRODUCT_UNAVAILABLE(409, "product-unavailable", "Product unavailable",
      "Order lines naming products that are not on sale; nothing is ordered."),
  REFUND_DECLINED(409, "refund-declined", "Refund declined",
      "The gateway declined the refund."),
  RESERVATION_LOST(409, "reservation-lost", "Reservation ended",
      "The stock reservation expired or was released before payment."),
  ZERO_TOTAL(409, "zero-total", "Nothing to pay",
      "An order whose total is zero."),
  PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large",
      "Body over http.bodyLimit."),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type",
      "A body that is not application/json."),
  UNPROCESSABLE_EVENT(422, "unprocessable-event", "Unprocessable event",
      "An event or Kafka record that can never be processed (set aside, never an HTTP answer)."),
  RATE_LIMITED(429, "rate-limited", "Too many requests",
      "Over the rate limit; Retry-After says when to come back."),
  INTERNAL(500, "internal", "Internal error",
      "A bug; the text never leaks, the log has it once with the request id."),
  PAYMENT_OUTCOME_UNKNOWN(502, "payment-outcome-unknown", "Payment outcome unknown",
      "The payment gateway's answer was lost (a timeout, a 5xx, a malformed answer): charged or not, the reconciler finds out."),
  GATEWAY_UNAVAILABLE(503, "gateway-unavailable", "Payment gateway unavailable",
      "The payment gateway did not answer."),
  UNAVAILABLE(503, "unavailable", "Service unavailable",
      "No node serves the operation right now, the node is not ready, or the database is saturated."),
  PEER_UNAVAILABLE(503, "peer-unavailable", "Peer unavailable",
      "A domain the operation needs (a peer it asks) runs on no node right now."),
  TIMEOUT(504, "timeout", "Timed out",
      "The operation did not answer within http.busTimeoutMs."),
  PEER_TIMEOUT(504, "peer-timeout", "Peer timed out",
      "A peer the operation asked did not answer within that domain's peer timeout.");

  private static final Map<String, ProblemType> BY_SLUG =
      Arrays.stream(values()).collect(Collectors.toMap(ProblemType::slug, Function.identity()));

  private final int status;
  private final String slug;
  private final String title;
  private final String meaning;

  ProblemType(int status, String slug, String title, String meaning) {
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.meaning = meaning;
  }

  public int status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  /** When a problem of this type is raised, for the page its type URI names ({@code GET /problems/<slug>}). */
  public String meaning() {
    return meaning;
  }

  /** The type URI, relative to the server: {@code /problems/<slug>}, a page that explains it. */
  public String uri() {
    return "/problems/" + slug;
  }

  /** The type of {@code slug}, or null when no type has it. */
  public static ProblemType bySlug(String slug) {
    return BY_SLUG.get(slug);
  }
}

package mercato.platform.bus;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one table of problem types: each has a fixed slug ({@code /problems/<slug>}), title
 * and status, whoever raises it. What differs from one case to the next goes in the
 * problem's detail. README's Errors section lists this table ({@code ProblemTypeTest}
 * keeps the two in step).
 */
public enum ProblemType {
  /** The body or a parameter breaks the contract or a rule; errors[].pointer names each field. */
  VALIDATION(400, "validation", "Invalid request"),
  /** The body is not JSON. */
  MALFORMED_JSON(400, "malformed-json", "Malformed JSON"),
  /** No, malformed, expired or unverifiable bearer token. */
  UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
  /** Signed in, but not allowed. */
  FORBIDDEN(403, "forbidden", "Forbidden"),
  /** The operation needs a verified email address. */
  EMAIL_NOT_VERIFIED(403, "email-not-verified", "Email not verified"),
  /** A review of a product the caller has not bought, where that is required. */
  PURCHASE_REQUIRED(403, "purchase-required", "Purchase required"),
  /** No such route or resource (also for resources of others). */
  NOT_FOUND(404, "not-found", "Not found"),
  /** The path exists with other methods. */
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
  /** The request collides with what exists (a taken email, slug, sku or code; a refund over the capture). */
  CONFLICT(409, "conflict", "Conflict"),
  /** One review per author and product or company. */
  ALREADY_REVIEWED(409, "already-reviewed", "Already reviewed"),
  /** Checkout of an empty cart. */
  CART_EMPTY(409, "cart-empty", "Cart is empty"),
  /** Lines in more than one currency. */
  CURRENCY_MISMATCH(409, "currency-mismatch", "Several currencies"),
  /** The first request with this Idempotency-Key has not finished, or failed (send it again). */
  IDEMPOTENCY_KEY_IN_PROGRESS(409, "idempotency-key-in-progress", "Request in progress"),
  /** The key (or an external reference) came with another body. */
  IDEMPOTENCY_KEY_REUSED(409, "idempotency-key-reused", "Idempotency key reused"),
  /** The resource's state does not allow it (an order not awaiting payment, a removed programme). */
  INVALID_STATE(409, "invalid-state", "Invalid state"),
  /** Not enough available stock. */
  OUT_OF_STOCK(409, "out-of-stock", "Out of stock"),
  /** A cart line for a product that is not on sale. */
  PRODUCT_INACTIVE(409, "product-inactive", "Product not available"),
  /** Order lines naming products that are not on sale; nothing is ordered. */
  PRODUCT_UNAVAILABLE(409, "product-unavailable", "Product unavailable"),
  /** The gateway declined the refund. */
  REFUND_DECLINED(409, "refund-declined", "Refund declined"),
  /** The stock reservation expired or was released before payment. */
  RESERVATION_LOST(409, "reservation-lost", "Reservation ended"),
  /** An order whose total is zero. */
  ZERO_TOTAL(409, "zero-total", "Nothing to pay"),
  /** Body over http.bodyLimit. */
  PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
  /** A body that is not application/json. */
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
  /** An event or Kafka record that can never be processed (set aside, never an HTTP answer). */
  UNPROCESSABLE_EVENT(422, "unprocessable-event", "Unprocessable event"),
  /** Over the rate limit; Retry-After says when to come back. */
  RATE_LIMITED(429, "rate-limited", "Too many requests"),
  /** A bug; the text never leaks, the log has it once with the request id. */
  INTERNAL(500, "internal", "Internal error"),
  /** The payment gateway's answer was lost (a timeout, a 5xx, a malformed answer): charged or not, the reconciler finds out. */
  PAYMENT_OUTCOME_UNKNOWN(502, "payment-outcome-unknown", "Payment outcome unknown"),
  /** The payment gateway did not answer. */
  GATEWAY_UNAVAILABLE(503, "gateway-unavailable", "Payment gateway unavailable"),
  /** No node serves the operation right now, the node is not ready, or the database is saturated. */
  UNAVAILABLE(503, "unavailable", "Service unavailable"),
  /** A domain the operation needs (a peer it asks) runs on no node right now. */
  PEER_UNAVAILABLE(503, "peer-unavailable", "Peer unavailable"),
  /** The operation did not answer within http.busTimeoutMs. */
  TIMEOUT(504, "timeout", "Timed out"),
  /** A peer the operation asked did not answer within that domain's peer timeout. */
  PEER_TIMEOUT(504, "peer-timeout", "Peer timed out");

  private static final Map<String, ProblemType> BY_SLUG =
      Arrays.stream(values()).collect(Collectors.toMap(ProblemType::slug, Function.identity()));

  private final int status;
  private final String slug;
  private final String title;

  ProblemType(int status, String slug, String title) {
    this.status = status;
    this.slug = slug;
    this.title = title;
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

  /** The type of {@code slug}, or null when no type has it. */
  public static ProblemType bySlug(String slug) {
    return BY_SLUG.get(slug);
  }
}

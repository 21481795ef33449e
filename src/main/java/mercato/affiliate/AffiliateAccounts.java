package mercato.affiliate;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import mercato.auth.api.AuthAddresses;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Problem;

/**
 * What the affiliate domain asks auth: whether an account an admin names for a programme is
 * an open affiliate account (a programme pays commission to its account, so a customer's or
 * a seller's may not have one).
 */
final class AffiliateAccounts {
  private final Vertx vertx;
  private final DeliveryOptions options;

  AffiliateAccounts(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  /** Fails with 400 on {@code /accountId} unless auth knows it as an active affiliate account. */
  Future<Void> requireAffiliate(UUID accountId, String requestId) {
    return vertx.eventBus()
        .<JsonObject>request(AuthAddresses.GET_ACCOUNT,
            Envelope.internal(new JsonObject().put("accountId", accountId.toString()), requestId), options)
        .map(reply -> reply.body().getJsonObject("body", new JsonObject()))
        .recover(failure -> failure instanceof ReplyException reply && reply.failureCode() == 404
            ? Future.succeededFuture(new JsonObject()) : Future.failedFuture(failure))
        .compose(account -> "affiliate".equals(account.getString("type")) && account.getBoolean("active", false)
            ? Future.<Void>succeededFuture()
            : Future.failedFuture(Problem.invalidField("/accountId", "must be an open affiliate account")));
  }
}

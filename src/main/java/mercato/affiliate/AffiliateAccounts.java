package mercato.affiliate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import mercato.auth.api.AuthAddresses;
import mercato.platform.bus.PeerClient;
import mercato.platform.bus.Problem;

/**
 * What the affiliate domain asks auth: whether an account an admin names for a programme is
 * an open affiliate account (a programme pays commission to its account, so a customer's or
 * a seller's may not have one).
 */
final class AffiliateAccounts {
  private final PeerClient peers;

  AffiliateAccounts(PeerClient peers) {
    this.peers = peers;
  }

  /** Fails with 400 on {@code /accountId} unless auth knows it as an active affiliate account. */
  Future<Void> requireAffiliate(UUID accountId, String requestId) {
    return peers.ask(AuthAddresses.GET_ACCOUNT, new JsonObject().put("accountId", accountId.toString()), requestId)
        .map(account -> account == null ? new JsonObject() : account)
        .recover(failure -> PeerClient.refused(failure, 404)
            ? Future.succeededFuture(new JsonObject()) : Future.failedFuture(failure))
        .compose(account -> "affiliate".equals(account.getString("type")) && account.getBoolean("active", false)
            ? Future.<Void>succeededFuture()
            : Future.failedFuture(Problem.invalidField("/accountId", "must be an open affiliate account")));
  }
}

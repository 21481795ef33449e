package mercato.inventory;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.UUID;
import mercato.auth.api.AuthAddresses;
import mercato.platform.bus.PeerClient;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Problem;

/**
 * What inventory asks auth about warehouse accounts: which open warehouse account an owner
 * names (by id or by email) and, once the account accepted, which warehouse it operates.
 */
final class OperatorAccounts {
  private final PeerClient auth;

  OperatorAccounts(PeerClient auth) {
    this.auth = auth;
  }

  /**
   * The warehouse account a body names with {@code operatorAccountId} or {@code operatorEmail}
   * (null when neither); a 400 on that field when it is not an open warehouse account.
   */
  Future<UUID> named(JsonObject body, String requestId) {
    boolean byId = body.getValue("operatorAccountId") != null;
    boolean byEmail = body.getValue("operatorEmail") != null;
    if (byId && byEmail) {
      throw Problem.invalidField("/operatorEmail", "give operatorAccountId or operatorEmail, not both");
    }
    if (!byId && !byEmail) {
      return Future.succeededFuture(null);
    }
    String pointer = byId ? "/operatorAccountId" : "/operatorEmail";
    JsonObject ask = byId ? new JsonObject().put("accountId", Fields.id(body, "operatorAccountId").toString())
        : new JsonObject().put("email", Fields.email(body, "operatorEmail"));
    return auth.ask(AuthAddresses.GET_ACCOUNT, ask, requestId)
        .recover(failure -> PeerClient.refused(failure, 404)
            ? Future.succeededFuture(null) : Future.failedFuture(failure))
        .compose(account -> {
          // One answer for "no account" and "not a warehouse": the field tells nothing more about the address.
          if (account == null || !"warehouse".equals(account.getString("type")) || !account.getBoolean("active", false)) {
            return Future.failedFuture(Problem.invalidField(pointer, "is not an open warehouse account"));
          }
          return Future.succeededFuture(UUID.fromString(account.getString("id")));
        });
  }

  /** Tells auth which warehouse the account operates (null unbinds); nothing when there is no account. */
  Future<Void> bind(SqlConnection tx, UUID account, UUID warehouse, String requestId) {
    if (account == null) {
      return Future.succeededFuture();
    }
    JsonObject body = new JsonObject().put("accountId", account.toString())
        .put("warehouseId", warehouse == null ? null : warehouse.toString());
    Future<Void> sent = auth.ask(AuthAddresses.BIND_WAREHOUSE, body, requestId).mapEmpty();
    // Unbinding an account closed since then has nothing left to undo.
    return warehouse != null ? sent : sent.recover(failure ->
        PeerClient.refused(failure, 400)
            ? Future.succeededFuture() : Future.failedFuture(failure));
  }
}

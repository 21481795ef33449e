package mercato.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import mercato.platform.webhooks.WebhookSignature;

/**
 * A gateway's webhook secret: the configured one, or one generated at the first start of
 * the install and kept in {@code gateway_secrets}. Every node inserts its own candidate and
 * reads back the row that won, so nodes starting together still agree, and a restart keeps it.
 */
final class GatewaySecrets {
  private static final String INSERT = """
      INSERT INTO gateway_secrets (gateway, secret) VALUES ($1, $2) ON CONFLICT (gateway) DO NOTHING
      """;
  private static final String SELECT = "SELECT secret FROM gateway_secrets WHERE gateway = $1";

  private GatewaySecrets() {}

  /** {@code configured} when set, else the install's stored secret for {@code gateway}. */
  static Future<String> resolve(Pool pool, String gateway, String configured) {
    if (!configured.isBlank()) {
      return Future.succeededFuture(configured);
    }
    return pool.preparedQuery(INSERT).execute(Tuple.of(gateway, WebhookSignature.newSecret()))
        .compose(v -> pool.preparedQuery(SELECT).execute(Tuple.of(gateway)))
        .map(rows -> rows.iterator().next().getString("secret"));
  }
}

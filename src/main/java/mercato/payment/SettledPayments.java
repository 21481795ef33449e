package mercato.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.sqlclient.SqlConnection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mercato.platform.db.AfterCommit;

/**
 * {@code mercato_payment_settled_total{outcome, gateway}}: payments that reached
 * {@code captured} or {@code failed}, each counted once, when the transaction that moved it
 * there commits (a late or repeated gateway answer moves nothing and counts nothing). The
 * gateways this node runs start at 0, so a rate exists before the first payment.
 */
final class SettledPayments {
  static final String NAME = "mercato.payment.settled";

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  SettledPayments(MeterRegistry registry, Set<String> gateways) {
    this.registry = registry;
    for (String gateway : gateways) {
      counter(gateway, PaymentStatus.CAPTURED);
      counter(gateway, PaymentStatus.FAILED);
    }
  }

  /** Counts the move of a {@code gateway} payment to {@code to} (captured or failed) once {@code tx} commits. */
  void settled(SqlConnection tx, String gateway, PaymentStatus to) {
    if (to == PaymentStatus.CAPTURED || to == PaymentStatus.FAILED) {
      Counter counter = counter(gateway, to);
      AfterCommit.run(tx, counter::increment);
    }
  }

  private Counter counter(String gateway, PaymentStatus to) {
    return counters.computeIfAbsent(gateway + "/" + to.text, key -> Counter.builder(NAME)
        .description("Payments that reached captured or failed, counted when that change committed")
        .tag("outcome", to.text).tag("gateway", gateway).register(registry));
  }
}

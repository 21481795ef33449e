package mercato.inventory;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import mercato.platform.metrics.GaugeFamily;

/**
 * {@code mercato_inventory_active_reservations}: orders holding stock (reserved, neither
 * committed, released nor expired yet), counted on the reservations' partial index. Every
 * inventory node reads the same table: take the max across nodes.
 */
final class ReservationGauges {
  static final String ACTIVE = "mercato.inventory.active.reservations";
  static final String READ = "SELECT count(*) AS active FROM reservations WHERE status = 'active'";

  private final Pool pool;
  private final GaugeFamily active;

  ReservationGauges(MeterRegistry registry, Pool pool) {
    this.pool = pool;
    this.active = GaugeFamily.of(registry, ACTIVE, "Reservations holding stock for an order not yet paid or released",
        null);
  }

  Future<Void> read() {
    return pool.preparedQuery(READ).execute().map(rows -> {
      active.set(rows.iterator().next().getLong("active"));
      return null;
    });
  }
}

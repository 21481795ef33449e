package mercato.analytics;

import static mercato.analytics.api.AnalyticsEvents.*;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import mercato.platform.events.Event;
import mercato.platform.events.Inbox;

/**
 * The inbox handlers: each records its event's facts and adds them to the rollups, all in
 * the inbox transaction (so a redelivered event, skipped by the inbox, counts once). An
 * order event that restates a fact already recorded under another event id adds nothing.
 */
final class EventIntake {
  private EventIntake() {}

  static Inbox register(Inbox inbox) {
    return inbox
        .on(ORDER_PLACED, (event, tx) -> order(tx, event, "placed"))
        .on(ORDER_PAID, (event, tx) -> order(tx, event, "paid"))
        .on(ORDER_REFUNDED, (event, tx) -> order(tx, event, "refund"))
        .on(ORDER_CANCELLED, (event, tx) -> order(tx, event, "cancelled"))
        .on(CART_ITEM_ADDED, (event, tx) -> activity(tx, event))
        .on(SEARCH_PERFORMED, (event, tx) -> activity(tx, event))
        .on(ACCOUNT_REGISTERED, (event, tx) -> activity(tx, event));
  }

  private static Future<?> order(SqlConnection tx, Event event, String kind) {
    return OrderFacts.record(tx, event, kind).compose(fresh -> fresh
        ? Rollups.addSale(tx, event.id()).compose(v -> activity(tx, event))
        : Future.succeededFuture());
  }

  private static Future<Void> activity(SqlConnection tx, Event event) {
    return ActivityFacts.record(tx, event).compose(v -> Rollups.addActivity(tx, event.id()));
  }
}

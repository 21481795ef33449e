package mercato.notification;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.UUID;
import mercato.catalog.api.CatalogEvents;
import mercato.inventory.api.InventoryEvents;
import mercato.notification.api.NotificationAddresses;
import mercato.order.api.OrderEvents;
import mercato.platform.events.Event;
import mercato.platform.money.Money;
import mercato.platform.work.Sequence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics other domains' events feed: back-in-stock (inventory), price-drop (catalog)
 * and order-updates (order, to the order's customer only). Each runs in the inbox
 * transaction, so an event notifies each subscriber once however often it is delivered;
 * only accounts with a subscription to the topic (whole, or for that product or order)
 * hear of it, on every channel they subscribed.
 */
final class EventNotifications {
  static final List<String> TYPES = List.of(InventoryEvents.BACK_IN_STOCK, CatalogEvents.PRICE_CHANGED,
      OrderEvents.STATUS_CHANGED);
  private static final Logger LOG = LoggerFactory.getLogger(EventNotifications.class);

  private final NotificationRepository repository;
  private final SendNotification send;

  EventNotifications(NotificationRepository repository, SendNotification send) {
    this.repository = repository;
    this.send = send;
  }

  /** inventory back-in-stock {productId, available}: a product's available stock rose from 0. */
  Future<?> backInStock(Event event, SqlConnection tx) {
    JsonObject data = event.data();
    String product = data.getString("productId");
    return toSubscribers(tx, NotificationAddresses.BACK_IN_STOCK, product, "Back in stock",
        "A product you follow is available again (" + data.getInteger("available") + " in stock).",
        new JsonObject().put("productId", product).put("available", data.getInteger("available")));
  }

  /** catalog price-changed {productId, name?, oldPrice, newPrice}: only a lower price in the same currency. */
  Future<?> priceChanged(Event event, SqlConnection tx) {
    JsonObject data = event.data();
    JsonObject before = data.getJsonObject("oldPrice");
    JsonObject after = data.getJsonObject("newPrice");
    if (!NotificationRules.isPriceDrop(before, after)) {
      return Future.succeededFuture();
    }
    String product = data.getString("productId");
    String name = data.getString("name");
    return toSubscribers(tx, NotificationAddresses.PRICE_DROP, product,
        name == null ? "Price drop" : "Price drop: " + name,
        "Now " + Money.text(after) + ", was " + Money.text(before) + ".",
        new JsonObject().put("productId", product).put("oldPrice", before).put("newPrice", after));
  }

  /** order status-changed {orderId, accountId, from, to}: the order's customer, if subscribed. */
  Future<?> orderStatusChanged(Event event, SqlConnection tx) {
    JsonObject data = event.data();
    String order = data.getString("orderId");
    UUID customer = UUID.fromString(data.getString("accountId"));
    String to = data.getString("to");
    return repository.subscribed(tx, customer, NotificationAddresses.ORDER_UPDATES, order)
        .compose(subscribed -> !subscribed ? Future.succeededFuture()
            : send.inTransaction(tx, new NotificationRules.SendRequest(customer, NotificationAddresses.ORDER_UPDATES,
                order, "Order " + to.replace('_', ' '), "Your order is now " + to.replace('_', ' ') + ".",
                new JsonObject().put("orderId", order).put("from", data.getString("from")).put("to", to))));
  }

  private Future<?> toSubscribers(SqlConnection tx, String topic, String subject, String title, String body,
      JsonObject data) {
    return repository.subscribers(tx, topic, subject).compose(accounts -> {
      LOG.debug("{} {} reaches {} accounts", topic, subject, accounts.size());
      return Sequence.each(accounts, account -> send.inTransaction(tx,
          new NotificationRules.SendRequest(account, topic, subject, title, body, data)));
    });
  }
}

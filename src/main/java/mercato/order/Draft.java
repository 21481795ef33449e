package mercato.order;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import mercato.platform.money.Money;

/**
 * An order priced from the catalog and split per seller, before it is stored: the shape
 * placement and changes build, the repository writes and the events carry.
 */
record Draft(UUID id, UUID accountId, UUID cartId, String referralCode, JsonObject shippingAddress, String currency,
    List<Group> groups) {

  /** One seller's share of the order. */
  record Group(UUID id, UUID sellerId, List<Line> lines) {
    long total() {
      long sum = 0;
      for (Line line : lines) {
        sum = Math.addExact(sum, line.total());
      }
      return sum;
    }
  }

  /** One product at its price fixed at placement. */
  record Line(UUID productId, String sku, String name, int quantity, long unitPrice) {
    long total() {
      return Math.multiplyExact(unitPrice, (long) quantity);
    }
  }

  long total() {
    long sum = 0;
    for (Group group : groups) {
      sum = Math.addExact(sum, group.total());
    }
    return sum;
  }

  List<Line> lines() {
    return groups.stream().flatMap(g -> g.lines().stream()).toList();
  }

  /** The groups as the placed and paid events carry them. */
  JsonArray groupsJson() {
    JsonArray out = new JsonArray();
    for (Group group : groups) {
      JsonArray lines = new JsonArray();
      for (Line line : group.lines()) {
        lines.add(new JsonObject().put("productId", line.productId().toString()).put("name", line.name())
            .put("quantity", line.quantity()).put("unitPrice", Money.json(line.unitPrice(), currency))
            .put("lineTotal", Money.json(line.total(), currency)));
      }
      out.add(new JsonObject().put("groupId", group.id().toString()).put("sellerId", group.sellerId().toString())
          .put("total", Money.json(group.total(), currency)).put("lines", lines));
    }
    return out;
  }
}

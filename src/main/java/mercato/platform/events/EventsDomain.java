package mercato.platform.events;

import static mercato.platform.events.DeadDeliveryAdmin.LIST_DEAD;
import static mercato.platform.events.DeadDeliveryAdmin.REPLAY_DEAD;

import java.util.List;
import mercato.platform.domain.Domain;
import mercato.platform.route.Access;
import mercato.platform.route.Route;

/**
 * The admin's view of the event machinery over HTTP, as a domain without a schema of its
 * own: the dead deliveries and set-aside items of every schema, and their replay (what
 * {@code events dead} and {@code events replay} do on the command line).
 */
public final class EventsDomain {
  public static final String NAME = "events";
  private static final Access ADMIN = Access.types("admin");

  public static final List<Route> ROUTES = List.of(
      Route.get("/admin/events/dead", LIST_DEAD, "listDeadDeliveries", ADMIN),
      Route.post("/admin/events/replay", REPLAY_DEAD, "replayDeadDeliveries", ADMIN));

  private EventsDomain() {}

  public static Domain domain() {
    return new Domain(NAME, false, ROUTES, List.of(), List.of(), context -> new DeadDeliveryAdmin(context.databases()));
  }
}

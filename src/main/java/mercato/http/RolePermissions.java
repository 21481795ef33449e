package mercato.http;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import mercato.auth.api.AuthAddresses;
import mercato.platform.bus.PeerClient;
import mercato.platform.bus.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The role -> permissions table the auth domain keeps, held by the edge so a permission
 * check costs no bus hop: loaded at start (retried until auth answers), reloaded when auth
 * broadcasts a change, and refreshed every minute in case a broadcast was lost.
 */
final class RolePermissions implements Permissions {
  private static final Logger LOG = LoggerFactory.getLogger(RolePermissions.class);

  private final Vertx vertx;
  private final PeerClient auth;
  private volatile Map<String, Set<String>> byRole = Map.of();
  private MessageConsumer<Object> consumer;
  private long timer;

  RolePermissions(Vertx vertx) {
    this.vertx = vertx;
    this.auth = new PeerClient(vertx, 5000);
  }

  void start() {
    consumer = vertx.eventBus().consumer(AuthAddresses.ROLES_CHANGED, message -> reload());
    reload();
    timer = vertx.setPeriodic(60_000, id -> reload());
  }

  void stop() {
    vertx.cancelTimer(timer);
    if (consumer != null) {
      consumer.unregister();
    }
  }

  @Override
  public boolean grants(Principal principal, String permission) {
    if (principal.isAdmin()) {
      return true;
    }
    Map<String, Set<String>> table = byRole;
    for (String role : principal.roles()) {
      Set<String> permissions = table.get(role);
      if (permissions != null && permissions.contains(permission)) {
        return true;
      }
    }
    return false;
  }

  private void reload() {
    auth.ask(AuthAddresses.LIST_ROLES, null, "edge-roles")
        .onSuccess(reply -> {
          Map<String, Set<String>> table = new HashMap<>();
          JsonArray roles = (reply == null ? new JsonObject() : reply).getJsonArray("items", new JsonArray());
          for (int i = 0; i < roles.size(); i++) {
            JsonObject role = roles.getJsonObject(i);
            Set<String> permissions = new HashSet<>();
            role.getJsonArray("permissions", new JsonArray()).forEach(p -> permissions.add(String.valueOf(p)));
            table.put(role.getString("name"), Set.copyOf(permissions));
          }
          byRole = Map.copyOf(table);
        })
        .onFailure(failure -> {
          LOG.debug("role table not loaded yet: {}", failure.getMessage());
          if (byRole.isEmpty()) {
            vertx.setTimer(5000, id -> reload()); // auth may still be starting on another node
          }
        });
  }
}

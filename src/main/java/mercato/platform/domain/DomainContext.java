package mercato.platform.domain;

import io.vertx.core.json.JsonObject;
import mercato.platform.config.MercatoConfig;
import mercato.platform.events.Outbox;
import mercato.platform.events.Subscriptions;

/** What a domain verticle is given: the shared settings, its own section and its outbox. */
public record DomainContext(String name, MercatoConfig config, Subscriptions subscriptions) {
  public JsonObject section() {
    return config.section(name);
  }

  public Outbox outbox() {
    return new Outbox(subscriptions);
  }
}

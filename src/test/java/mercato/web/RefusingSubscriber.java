package mercato.web;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mercato.platform.bus.Problem;
import mercato.platform.domain.Domain;
import mercato.testing.Subscriber;

/**
 * A test-only subscriber of the catalog's product-created events that refuses, as invalid
 * (400: dead at once), every product whose name holds one of {@link #REFUSED} words, and
 * takes it once the word is removed ("fixed"). Its deliveries go through the real outbox
 * relay, so a refused one is a real dead delivery for the admin console to replay.
 */
final class RefusingSubscriber {
  static final String NAME = "refuser";
  static final String TYPE = "mercato.catalog.product-created.v1";
  static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();

  private RefusingSubscriber() {}

  static Domain domain() {
    return Subscriber.domain(NAME, List.of(TYPE), TYPE, (event, tx) -> {
      String name = String.valueOf(event.data().getValue("name"));
      return REFUSED.stream().anyMatch(name::contains)
          ? Future.failedFuture(Problem.invalidField("/data/name", "the refuser does not take " + name))
          : Future.succeededFuture();
    });
  }
}

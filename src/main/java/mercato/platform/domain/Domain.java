package mercato.platform.domain;

import io.vertx.core.Deployable;
import java.util.List;
import java.util.function.Function;
import mercato.platform.route.Route;

/**
 * What a domain declares to the node that boots it: its name (also its schema, bus prefix
 * and config section), its HTTP routes, the event types it subscribes to, the event types
 * it writes that carry secrets (delivered to Mercato's own subscribers, never to Kafka),
 * and how to make its verticle. The declarations are static so every node knows every domain, including
 * those it does not run.
 */
public record Domain(
    String name,
    boolean ownsSchema,
    List<Route> routes,
    List<String> subscribesTo,
    List<String> privateEvents,
    Function<DomainContext, Deployable> verticle) {}

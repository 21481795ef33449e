package mercato.notification;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import mercato.notification.api.WebhookEventTypes;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Pages;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.ids.Ids;
import mercato.platform.webhooks.WebhookSignature;

/**
 * The webhook endpoint routes: an owner's endpoints, their deliveries with every attempt,
 * and replays. An endpoint (or delivery) of another account is not found, except for an
 * admin, who may read and change any.
 */
final class WebhookEndpointHandlers {
  private static final List<String> STATUSES = List.of("pending", "delivered", "failed");

  private final WebhookEndpoints endpoints;
  private final WebhookDeliveryLog log;
  private final WebhookTargets targets;
  private final WebhookSender sender;
  /** Tells the fan-out of every node that the endpoints changed. */
  private final Runnable changed;
  private final NotificationConfig config;

  WebhookEndpointHandlers(WebhookEndpoints endpoints, WebhookDeliveryLog log, WebhookTargets targets,
      WebhookSender sender, Runnable changed, NotificationConfig config) {
    this.endpoints = endpoints;
    this.log = log;
    this.targets = targets;
    this.sender = sender;
    this.changed = changed;
    this.config = config;
  }

  /** 201 with the endpoint and its secret, shown only here. */
  Future<?> create(Envelope envelope) {
    Principal principal = envelope.requirePrincipal();
    String ownerField = WebhookEndpointRules.ownerField(principal);
    WebhookEndpointRules.Create request = WebhookEndpointRules.create(envelope.bodyObject());
    String secret = WebhookSignature.newSecret();
    return checked(request.url())
        .compose(v -> endpoints.insert(Ids.uuid7(), NotificationRules.accountOf(principal), request, secret, ownerField))
        .map(endpoint -> {
          changed.run();
          return endpoint.toJson().put("secret", secret);
        });
  }

  Future<?> list(Envelope envelope) {
    UUID account = NotificationRules.accountOf(envelope.requirePrincipal());
    return endpoints.ofAccount(account).map(all -> {
      JsonArray items = new JsonArray();
      all.forEach(endpoint -> items.add(endpoint.toJson()));
      return new JsonObject().put("items", items);
    });
  }

  Future<?> get(Envelope envelope) {
    return owned(envelope).map(WebhookEndpoint::toJson);
  }

  /** Changes url, types, filter or description; {@code enabled: true} brings a disabled endpoint back. */
  Future<?> update(Envelope envelope) {
    WebhookEndpointRules.Update change = WebhookEndpointRules.update(envelope.bodyObject());
    Future<Void> urlChecked = change.url() == null ? Future.succeededFuture() : checked(change.url());
    return owned(envelope).compose(found -> urlChecked.compose(v -> endpoints.pool().withTransaction(tx ->
        endpoints.lock(tx, found.id()).compose(current -> {
          WebhookEndpoint before = current.orElseThrow(() -> Problem.notFound("No such webhook endpoint."));
          String status = change.enabled() == null ? before.status()
              : change.enabled() ? WebhookEndpoint.ENABLED : WebhookEndpoint.DISABLED;
          WebhookEndpoint after = new WebhookEndpoint(before.id(), before.accountId(),
              change.url() != null ? change.url() : before.url(), before.secret(),
              change.description() == null ? before.description() : change.description().isEmpty() ? null
                  : change.description(),
              change.eventTypes() != null ? change.eventTypes() : before.eventTypes(),
              change.filter() != null ? change.filter() : before.filter(), before.ownerField(), status,
              before.disabledAt(), before.disabledReason(), before.createdAt());
          return endpoints.update(tx, before, after);
        }))))
        .map(updated -> {
          changed.run();
          sender.wake();
          return updated.toJson();
        });
  }

  /** 204; its pending deliveries go with it. */
  Future<?> delete(Envelope envelope) {
    return owned(envelope).compose(endpoint -> endpoints.delete(endpoint.id())).onSuccess(v -> changed.run());
  }

  /** {items, nextCursor}: ?status=pending|delivered|failed, ?limit, ?cursor. */
  Future<?> deliveries(Envelope envelope) {
    JsonObject query = envelope.query();
    String status = envelope.queryParam("status");
    if (status != null && !STATUSES.contains(status)) {
      throw Problem.invalidField("/status", "must be one of " + String.join(", ", STATUSES));
    }
    String rawCursor = envelope.queryParam("cursor");
    UUID cursor = rawCursor == null || rawCursor.isEmpty() ? null : Ids.parse(rawCursor);
    if (rawCursor != null && !rawCursor.isEmpty() && cursor == null) {
      throw Problem.invalidField("/cursor", "is not a cursor this list gave out");
    }
    int limit = Pages.limit(query, NotificationRules.PAGE_DEFAULT, NotificationRules.PAGE_MAX);
    return owned(envelope).compose(endpoint -> log.page(endpoint.id(), status, cursor, limit));
  }

  /** 202 {replayed}: the endpoint's failed deliveries (since {@code since}, or all kept) are queued again. */
  Future<?> replayEndpoint(Envelope envelope) {
    java.time.OffsetDateTime since = WebhookEndpointRules.since(envelope.bodyObject());
    return owned(envelope).compose(endpoint -> {
      if (!endpoint.status().equals(WebhookEndpoint.ENABLED)) {
        return Future.failedFuture(new Problem(ProblemType.CONFLICT,
            "The endpoint is disabled: enable it first (PUT with {\"enabled\": true})."));
      }
      return log.replayFailed(endpoint.id(), config.maxAttempts(), since);
    }).map(replayed -> {
      sender.wake();
      return new JsonObject().put("replayed", replayed);
    });
  }

  /** The delivery with its payload and every attempt. */
  Future<?> delivery(Envelope envelope) {
    return ownedDelivery(envelope).map(WebhookDeliveryLog.Owned::delivery);
  }

  /** 202 with the delivery: queued again under the same webhook-id. */
  Future<?> replayDelivery(Envelope envelope) {
    return ownedDelivery(envelope)
        .compose(owned -> log.replay(UUID.fromString(owned.delivery().getString("id")), config.maxAttempts()))
        .compose(v -> {
          sender.wake();
          return ownedDelivery(envelope).map(WebhookDeliveryLog.Owned::delivery);
        });
  }

  /** {items}: the event types an endpoint can name. */
  Future<?> eventTypes(Envelope envelope) {
    return Future.succeededFuture(new JsonObject().put("items", new JsonArray(WebhookEventTypes.ALL)));
  }

  private Future<WebhookEndpoint> owned(Envelope envelope) {
    Principal principal = envelope.requirePrincipal();
    UUID id = Fields.pathId(envelope, "endpoint_id");
    return endpoints.get(id).map(found -> found
        .filter(endpoint -> principal.isAdmin() || endpoint.accountId().toString().equals(principal.sub()))
        .orElseThrow(() -> Problem.notFound("No such webhook endpoint.")));
  }

  private Future<WebhookDeliveryLog.Owned> ownedDelivery(Envelope envelope) {
    Principal principal = envelope.requirePrincipal();
    UUID id = Fields.pathId(envelope, "delivery_id");
    return log.get(id).map((Optional<WebhookDeliveryLog.Owned> found) -> found
        .filter(owned -> principal.isAdmin() || owned.accountId().toString().equals(principal.sub()))
        .orElseThrow(() -> Problem.notFound("No such webhook delivery.")));
  }

  private Future<Void> checked(String url) {
    return targets.check(url).<Void>mapEmpty().recover(NotificationHandlers::urlProblem);
  }
}

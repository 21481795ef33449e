package mercato.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import mercato.notification.api.NotificationAddresses;
import mercato.notification.api.NotificationRoutes;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.metrics.NodeMetrics;
import mercato.platform.tokens.TokenDenials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /notifications/stream}: the caller's new in-app notifications as server-sent
 * events. The bearer token is verified (and its revocation and rate limit checked) like
 * any route's; the stream then listens on the live address of the token's subject, never
 * on one the request names, so a client only ever receives its own notifications. Each
 * arrives as {@code event: notification}; a comment every 25 s keeps proxies from closing
 * an idle stream. The stream ends when the token expires (the client reconnects with a
 * fresh one, then lists to catch up), when the token is denied (logout, a role taken away,
 * a password reset: the denial every edge hears on {@link TokenDenials#ADDRESS}), when the
 * client leaves, or when the edge shuts down.
 */
final class LiveNotifications {
  static final long HEARTBEAT_MS = 25_000;
  private static final Logger LOG = LoggerFactory.getLogger(LiveNotifications.class);
  private static final String LIMIT_GROUP = "default";

  private final Edge edge;
  // The open streams of each connection of this edge instance (one event loop, no locking):
  // a connection's shutdown ends its streams so a graceful stop does not wait on them.
  private final Map<HttpConnection, List<Stream>> open = new IdentityHashMap<>();
  // The open streams by their token's jti, to end them when the token is denied.
  private final Map<String, List<Stream>> byToken = new HashMap<>();
  // Opened minus ended is how many streams this node holds (browser tabs share one, see live.js).
  private final Counter opened;
  private final Counter ended;

  private LiveNotifications(Edge edge, MeterRegistry registry) {
    this.edge = edge;
    this.opened = Counter.builder("mercato.live.streams.opened")
        .description("Live notification streams opened by this node").register(registry);
    this.ended = Counter.builder("mercato.live.streams.ended")
        .description("Live notification streams ended by this node (either side)").register(registry);
  }

  /** Mounts the stream when this node knows the notification domain's routes. */
  static void mount(Vertx vertx, Router router, Edge edge) {
    boolean known = edge.routes().routes().stream()
        .anyMatch(route -> route.address().equals(NotificationAddresses.LIST_NOTIFICATIONS));
    if (known) {
      LiveNotifications live = new LiveNotifications(edge, NodeMetrics.registry(vertx));
      router.get(NotificationRoutes.STREAM_PATH).handler(live::handle);
      // Registered on this edge instance's event loop, like its streams; undeploy removes it.
      vertx.eventBus().<String>consumer(TokenDenials.ADDRESS, message -> live.denied(message.body()));
    }
  }

  /** A denied token's streams end now: its owner logged out or lost the right to it. */
  private void denied(String jti) {
    List<Stream> streams = byToken.get(jti);
    if (streams != null) {
      new ArrayList<>(streams).forEach(stream -> stream.end(": token revoked\n\n"));
    }
  }

  private void handle(RoutingContext ctx) {
    Caller.authenticate(ctx, edge, true)
        .compose(principal -> Caller.admit(ctx, edge, LIMIT_GROUP, principal).map(principal))
        .onSuccess(principal -> new Stream(ctx, principal).open())
        .onFailure(ctx::fail);
  }

  /** One client's stream. */
  private final class Stream {
    private final RoutingContext ctx;
    private final Vertx vertx;
    private final HttpServerResponse response;
    private final Principal principal;
    private final HttpConnection connection;
    private MessageConsumer<JsonObject> consumer;
    private long heartbeat = -1;
    private long expiry = -1;
    private boolean closed;
    private boolean counted;

    Stream(RoutingContext ctx, Principal principal) {
      this.ctx = ctx;
      this.vertx = ctx.vertx();
      this.response = ctx.response();
      this.principal = principal;
      this.connection = ctx.request().connection();
    }

    void open() {
      response.closeHandler(v -> close());
      response.exceptionHandler(e -> close());
      String address = NotificationAddresses.live(principal.sub());
      consumer = vertx.eventBus().consumer(address, message -> send(message.body()));
      // Answer only once the consumer is registered (cluster-wide), so a notification sent
      // after the client saw the response head always reaches it.
      consumer.completion().onComplete(registered -> {
        if (closed || response.closed()) {
          close();
          return;
        }
        if (registered.failed()) {
          close();
          ctx.fail(registered.cause());
          return;
        }
        response.setStatusCode(200)
            .setChunked(true)
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
            .putHeader("X-Accel-Buffering", "no")
            // Compression would hold frames back in the deflater: send them as they are.
            .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
        response.write(": connected\nretry: 5000\n\n");
        counted = true;
        opened.increment();
        heartbeat = vertx.setPeriodic(HEARTBEAT_MS, id -> write(": heartbeat\n\n"));
        long untilExpiry = principal.exp() * 1000 - System.currentTimeMillis();
        if (principal.exp() > 0) {
          expiry = vertx.setTimer(Math.max(1, untilExpiry), id -> end(": token expired\n\n"));
        }
        if (connection != null) {
          List<Stream> streams = open.computeIfAbsent(connection, c -> {
            c.shutdownHandler(v -> new ArrayList<>(open.getOrDefault(c, List.of()))
                .forEach(stream -> stream.end(": shutting down\n\n")));
            return new ArrayList<>();
          });
          streams.add(this);
        }
        if (principal.jti() != null) {
          byToken.computeIfAbsent(principal.jti(), jti -> new ArrayList<>()).add(this);
        }
        LOG.debug("[{}] live notifications for {} opened", RequestIds.of(ctx), principal.sub());
      });
    }

    private void send(JsonObject notification) {
      write("event: notification\ndata: " + notification.encode() + "\n\n");
    }

    private void write(String frame) {
      if (closed || response.closed() || !response.headWritten()) {
        return;
      }
      if (response.writeQueueFull()) {
        // A client that does not read: end its stream rather than buffer without bound;
        // it reconnects and lists what it missed.
        LOG.debug("[{}] live notifications for {} ended: the client does not keep up", RequestIds.of(ctx),
            principal.sub());
        end(null);
        return;
      }
      response.write(frame);
    }

    private void end(String lastFrame) {
      if (closed) {
        return;
      }
      if (!response.closed() && response.headWritten()) {
        if (lastFrame != null) {
          response.end(lastFrame);
        } else {
          response.end();
        }
      }
      close();
    }

    private void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (counted) {
        ended.increment();
      }
      vertx.cancelTimer(heartbeat);
      vertx.cancelTimer(expiry);
      if (consumer != null) {
        consumer.unregister();
      }
      forget(open, connection);
      forget(byToken, principal.jti());
    }

    private <K> void forget(Map<K, List<Stream>> streamsBy, K key) {
      List<Stream> streams = key == null ? null : streamsBy.get(key);
      if (streams != null) {
        streams.remove(this);
        if (streams.isEmpty()) {
          streamsBy.remove(key);
        }
      }
    }
  }
}

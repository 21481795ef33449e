package mercato.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mercato.analytics.api.TrafficKeys;
import mercato.platform.bus.Principal;
import mercato.platform.config.HttpConfig;
import mercato.platform.config.TrafficConfig;
import mercato.platform.route.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One edge instance's traffic counters: requests per route template and status class per
 * minute, visitors (principal, else hashed client IP) and product page views. Confined to
 * the instance's event loop, so plain arrays and maps, no locks and no atomics; a request
 * costs a few array increments and, for a new visitor or product, one set entry. Every
 * {@code flushMs} the counts go to Redis in one pipelined batch (HINCRBY, PFADD, EXPIRE)
 * and start again from zero. Counting never fails a request: a failed flush is logged and
 * its counts are dropped.
 */
final class TrafficCounters {
  private static final Logger LOG = LoggerFactory.getLogger(TrafficCounters.class);
  /** The catalog's product page: its 2xx answers are counted as product views. */
  static final String VIEW_ROUTE = "GET /products/{product_id}";
  static final String VIEW_PARAM = "product_id";
  private static final int CLASSES = TrafficKeys.CLASSES.length;
  private static final int PFADD_CHUNK = 1000;
  private static final String VISIT = "mercato.traffic.visit";

  private final Vertx vertx;
  private final Redis redis;
  /** Whether and how often this instance counts and writes ({@code http.traffic}). */
  private final HttpConfig.Traffic settings;
  /** Where the counters live and how long ({@code traffic:}). */
  private final TrafficConfig store;
  private final TrafficKeys keys;
  private final HttpConfig http;
  private final List<String> routes = new ArrayList<>();
  private final ArrayDeque<Window> sealed = new ArrayDeque<>();
  private int viewSlot = -1;
  private Window current;
  private long timer = -1;
  private boolean flushing;
  private long lastWarning;

  TrafficCounters(Vertx vertx, Edge edge) {
    this.vertx = vertx;
    this.redis = edge.redis();
    this.http = edge.http();
    this.settings = http.traffic();
    this.store = edge.traffic();
    this.keys = TrafficKeys.of(store);
  }

  /** What one edge instance counted during one minute (or part of it, between flushes). */
  private static final class Window {
    final long minute;
    final long[] counts;
    final Set<String> subjects = new HashSet<>();
    final Set<String> addresses = new HashSet<>();
    final Map<String, long[]> views = new HashMap<>();

    Window(long minute, int slots) {
      this.minute = minute;
      this.counts = new long[slots * CLASSES];
    }
  }

  /**
   * The handler that counts a mount of {@code route} (aliases share the route's counters),
   * made while mounting, before start. It is a platform handler (like a response-time
   * handler) so it runs before the body handler and counts even a refused body.
   */
  PlatformHandler counting(Route route) {
    int slot = slot(route);
    return ctx -> begin(ctx, slot);
  }

  private int slot(Route route) {
    String label = route.method() + " " + route.path();
    int index = routes.indexOf(label);
    if (index < 0) {
      routes.add(label);
      index = routes.size() - 1;
      if (label.equals(VIEW_ROUTE)) {
        viewSlot = index;
      }
    }
    return index;
  }

  void start() {
    if (settings.enabled()) {
      timer = vertx.setPeriodic(settings.flushMs(), id -> flush());
    }
  }

  /** Starts counting a request on route {@code slot} (counted when its response ends), then passes it on. */
  private void begin(RoutingContext ctx, int slot) {
    if (settings.enabled()) {
      Visit visit = new Visit(ctx, slot);
      ctx.put(VISIT, visit);
      ctx.addEndHandler(visit);
    }
    ctx.next();
  }

  /** Tells the request's visit who the verified caller is (nothing when it is not counted). */
  static void identify(RoutingContext ctx, Principal principal) {
    if (principal != null && ctx.get(VISIT) instanceof Visit visit) {
      visit.subject = principal.sub();
    }
  }

  /** A request being counted: who it was, learnt when the token is verified; counted when the response ends. */
  final class Visit implements Handler<AsyncResult<Void>> {
    private final RoutingContext ctx;
    private final int slot;
    private String subject;

    private Visit(RoutingContext ctx, int slot) {
      this.ctx = ctx;
      this.slot = slot;
    }

    @Override
    public void handle(AsyncResult<Void> ended) {
      int status = ctx.response().getStatusCode();
      String product = slot == viewSlot && status >= 200 && status < 300 ? ctx.pathParam(VIEW_PARAM) : null;
      record(slot, status, subject, subject == null ? Caller.ip(ctx, http) : null, product);
    }
  }

  private void record(int slot, int status, String subject, String address, String product) {
    long minute = System.currentTimeMillis() / 60_000;
    Window window = current;
    if (window == null || window.minute != minute) {
      if (window != null) {
        sealed.add(window);
      }
      window = current = new Window(minute, routes.size());
    }
    window.counts[slot * CLASSES + TrafficKeys.classOf(status)]++;
    if (subject != null) {
      remember(window.subjects, subject, window);
    } else if (address != null) {
      remember(window.addresses, address, window);
    }
    if (product != null) {
      long[] views = window.views.get(product);
      if (views != null) {
        views[0]++;
      } else if (window.views.size() < settings.maxProductsPerFlush()) {
        window.views.put(product, new long[] {1});
      }
    }
  }

  private void remember(Set<String> set, String visitor, Window window) {
    if (window.subjects.size() + window.addresses.size() < settings.maxVisitorsPerFlush() || set.contains(visitor)) {
      set.add(visitor);
    }
  }

  /** Writes what was counted since the last flush; one flush at a time, never failing. */
  Future<Void> flush() {
    if (flushing || (current == null && sealed.isEmpty())) {
      return Future.succeededFuture();
    }
    List<Window> windows = new ArrayList<>(sealed);
    sealed.clear();
    if (current != null) {
      windows.add(current);
      current = null;
    }
    List<Request> commands = new ArrayList<>();
    windows.forEach(window -> commands(window, commands));
    if (commands.isEmpty()) {
      return Future.succeededFuture();
    }
    flushing = true;
    return redis.batch(commands)
        .<Void>mapEmpty()
        .recover(failure -> {
          warn(failure);
          return Future.succeededFuture();
        })
        .onComplete(done -> flushing = false);
  }

  /** Stops the timer and writes what is left. */
  Future<Void> close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    flushing = false;
    return flush();
  }

  private void commands(Window window, List<Request> out) {
    LocalDate day = TrafficKeys.dayOf(window.minute);
    String minuteKey = keys.minute(window.minute);
    String hourKey = keys.hour(window.minute);
    String dayKey = keys.day(day);
    boolean any = false;
    for (int i = 0; i < window.counts.length; i++) {
      long n = window.counts[i];
      if (n > 0) {
        String field = TrafficKeys.field(routes.get(i / CLASSES), i % CLASSES);
        for (String key : new String[] {minuteKey, hourKey, dayKey}) {
          out.add(Request.cmd(Command.HINCRBY).arg(key).arg(field).arg(n));
        }
        any = true;
      }
    }
    if (any) {
      expire(out, minuteKey, store.minuteTtlHours() * 3600L);
      expire(out, hourKey, store.hourTtlDays() * 86_400L);
      expire(out, dayKey, store.dayTtlDays() * 86_400L);
    }
    List<String> visitors = new ArrayList<>(window.subjects.size() + window.addresses.size());
    window.subjects.forEach(sub -> visitors.add("s:" + sub));
    window.addresses.forEach(ip -> visitors.add("i:" + hashed(ip)));
    if (!visitors.isEmpty()) {
      pfadd(out, keys.visitorsOfDay(day), visitors, store.dayTtlDays() * 86_400L);
      pfadd(out, keys.visitorsOfHour(window.minute), visitors, store.hourTtlDays() * 86_400L);
    }
    if (!window.views.isEmpty()) {
      String viewsKey = keys.viewsOfDay(day);
      window.views.forEach((product, n) -> out.add(Request.cmd(Command.HINCRBY).arg(viewsKey).arg(product).arg(n[0])));
      expire(out, viewsKey, store.dayTtlDays() * 86_400L);
    }
  }

  private static void pfadd(List<Request> out, String key, List<String> visitors, long ttlSeconds) {
    for (int from = 0; from < visitors.size(); from += PFADD_CHUNK) {
      Request request = Request.cmd(Command.PFADD).arg(key);
      visitors.subList(from, Math.min(visitors.size(), from + PFADD_CHUNK)).forEach(request::arg);
      out.add(request);
    }
    expire(out, key, ttlSeconds);
  }

  private static void expire(List<Request> out, String key, long seconds) {
    out.add(Request.cmd(Command.EXPIRE).arg(key).arg(seconds));
  }

  /** A client address is never stored: a visitor is a stable SHA-256 of it (so days can be unioned). */
  static String hashed(String address) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] hash = digest.digest(("mercato-visitor:" + address).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  private void warn(Throwable failure) {
    long now = System.currentTimeMillis();
    if (now - lastWarning > 10_000) {
      lastWarning = now;
      LOG.warn("traffic counters not written while Redis fails: {}", failure.toString());
    }
  }
}

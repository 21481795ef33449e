package mercato.platform.events;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import mercato.platform.metrics.NodeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one background path of a domain puts an item that fails on its own (see
 * {@link ItemFaults}), so the items after it go on: a row in the domain's {@code set_aside}
 * table with the item's id, its error and the item itself, one WARN line, and one count
 * in {@code mercato_set_aside_total{kind}} on /metrics. Listed by {@code events dead}.
 */
public final class SetAside {
  private static final Logger LOG = LoggerFactory.getLogger(SetAside.class);
  public static final String METRIC = "mercato.set.aside";
  static final int MAX_ERROR = 1000;
  static final int MAX_ITEM = 65_536;
  private static final String INSERT = "INSERT INTO set_aside (kind, item_id, error, item) VALUES ($1, $2, $3, $4)";

  private final SqlClient client;
  private final String kind;
  private final Counter counter;

  /** {@code kind} names the path ({@code search-log}, {@code mail}, ...); rows go through {@code client} (the domain's pool). */
  public SetAside(Vertx vertx, SqlClient client, String kind) {
    this.client = client;
    this.kind = kind;
    this.counter = counter(vertx, kind);
  }

  /** The counter of {@code kind} in the node's registry. */
  public static Counter counter(Vertx vertx, String kind) {
    return Counter.builder(METRIC)
        .description("Items set aside because they failed on their own, per background path")
        .tag("kind", kind).register(NodeMetrics.registry(vertx));
  }

  public String kind() {
    return kind;
  }

  /** Records the item as set aside; fails only when the row could not be written (then the caller retries). */
  public Future<Void> put(String itemId, Throwable error, JsonObject item) {
    return put(itemId, describe(error), item);
  }

  public Future<Void> put(String itemId, String error, JsonObject item) {
    String id = printable(itemId, 200);
    String text = printable(error, MAX_ERROR);
    String encoded = item == null ? null : item.encode();
    if (encoded != null && encoded.length() > MAX_ITEM) {
      encoded = new JsonObject().put("truncated", encoded.substring(0, MAX_ITEM)).encode();
    }
    return client.preparedQuery(INSERT).execute(Tuple.of(kind, id, text, encoded)).map(rows -> {
      counted(counter);
      LOG.warn("{} item {} set aside: {}", kind, id, text);
      return null;
    });
  }

  /** Counts one item set aside by a path that keeps its own record of it (a dead outbox delivery, a failed mail). */
  public static void counted(Counter counter) {
    if (counter != null) {
      counter.increment();
    }
  }

  /** The failure as one line: its message, or its class when it has none. */
  public static String describe(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }

  /** Text safe for a text column and a log line: NUL, other controls and lone surrogates become U+FFFD, clipped. */
  static String printable(String text, int max) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), max));
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c) || (c < 0x20 && c != '\t') || c == 0x7f) {
        out.append(c == '\n' || c == '\r' ? ' ' : '\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}

package mercato.notification;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks a webhook URL before it is stored and again before every attempt (a name may
 * resolve elsewhere by then): https only (http too when private networks are allowed),
 * no credentials or fragment, and every address the host resolves to must be public. The
 * attempt then connects to the address checked here, so a second lookup cannot swap it.
 */
final class WebhookTargets {
  /** Where one attempt goes: the checked address, and the host and path the request names. */
  record Target(String scheme, String host, int port, String requestUri, InetAddress address) {
    boolean tls() {
      return scheme.equals("https");
    }

    /** Scheme, host and port: safe to log (a path or query may hold a token). */
    String origin() {
      return scheme + "://" + host + ":" + port;
    }
  }

  /** A URL that may not be called; the message says why and holds nothing secret. */
  static final class Refused extends RuntimeException {
    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  private final Vertx vertx;
  private final boolean allowPrivateNetworks;

  WebhookTargets(Vertx vertx, boolean allowPrivateNetworks) {
    this.vertx = vertx;
    this.allowPrivateNetworks = allowPrivateNetworks;
  }

  /**
   * Resolves and checks {@code url}. Fails with {@link Refused} when it may not be called,
   * or with {@link java.net.UnknownHostException} when its host does not resolve now.
   */
  Future<Target> check(String url) {
    Target parsed;
    try {
      parsed = parse(url, allowPrivateNetworks);
    } catch (Refused refused) {
      return Future.failedFuture(refused);
    }
    // The JDK resolver blocks (it may wait on DNS for seconds): run it on a worker thread.
    return vertx.<InetAddress[]>executeBlocking(() -> InetAddress.getAllByName(parsed.host()), false)
        .compose(addresses -> {
          if (!allowPrivateNetworks) {
            for (InetAddress address : addresses) {
              String refusal = NetworkGuard.refusal(address);
              if (refusal != null) {
                return Future.failedFuture(new Refused("resolves to " + refusal));
              }
            }
          }
          return Future.succeededFuture(new Target(parsed.scheme(), parsed.host(), parsed.port(), parsed.requestUri(),
              addresses[0]));
        });
  }

  /** The syntactic rules; the address is not resolved yet (null). */
  static Target parse(String url, boolean allowPrivateNetworks) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new Refused("is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme == null || !(scheme.equals("https") || (allowPrivateNetworks && scheme.equals("http")))) {
      throw new Refused(allowPrivateNetworks ? "must be an http or https URL" : "must be an https URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw new Refused("must not carry credentials");
    }
    if (uri.getRawFragment() != null) {
      throw new Refused("must not have a fragment");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new Refused("needs a host name");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    return new Target(scheme, host.toLowerCase(Locale.ROOT), port, requestUri, null);
  }
}

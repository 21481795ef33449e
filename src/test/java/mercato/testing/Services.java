package mercato.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real services the tests use, on loopback. A service that does not answer fails the
 * test with the command that starts it; nothing is skipped.
 */
public final class Services {
  public static final String HOST = "127.0.0.1";
  public static final int POSTGRES = 5432;
  /** The second PostgreSQL primary and its streaming standby (scripts/services.sh up postgres2 postgres2-replica). */
  public static final int POSTGRES2 = 5433;
  public static final int POSTGRES2_REPLICA = 5434;
  public static final int REDIS = 6379;
  public static final int KAFKA = 9092;
  public static final int SMTP = 3025;
  public static final int SMTP_API = 8025;
  /**
   * The Redis database the test nodes use: 0, or MERCATO_TEST_REDIS_DB, so two suites run at
   * once on one machine do not share rate-limit buckets and throttles.
   */
  public static final int REDIS_DB = Integer.parseInt(System.getenv().getOrDefault("MERCATO_TEST_REDIS_DB", "0"));

  private Services() {}

  public static String redisUri() {
    return "redis://" + HOST + ":" + REDIS + "/" + REDIS_DB;
  }

  public static void require(String... names) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("postgres", POSTGRES);
    ports.put("postgres2", POSTGRES2);
    ports.put("postgres2-replica", POSTGRES2_REPLICA);
    ports.put("redis", REDIS);
    ports.put("kafka", KAFKA);
    ports.put("smtp", SMTP);
    for (String name : names) {
      int port = ports.get(name);
      if (!open(port)) {
        throw new AssertionError(name + " is not running on " + HOST + ":" + port
            + ": run scripts/services.sh up " + (name.startsWith("postgres2") ? "postgres2 postgres2-replica" : "")
            + " (scripts/test.sh does it for you)");
      }
    }
  }

  public static boolean open(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A loopback port nothing listens on right now. */
  public static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

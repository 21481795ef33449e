package mercato.testing;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay to a real service, for a test that must cut one client's way to it
 * without stopping a service other tests share: {@link #cut} closes the port and every
 * relayed connection, {@link #restore} opens the same port again. It keeps what clients
 * send (small test traffic only), so a test can tell which statements went through it.
 */
public final class TcpRelay implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final NetClient client = vertx.createNetClient();
  private final int target;
  private final int port;
  private final List<NetSocket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final StringBuffer sent = new StringBuffer();
  private NetServer server;

  private TcpRelay(int target, int port) {
    this.target = target;
    this.port = port;
  }

  /** A relay on a free loopback port to {@code target} on loopback. */
  public static TcpRelay to(int target) {
    TcpRelay relay = new TcpRelay(target, Services.freePort());
    relay.restore();
    return relay;
  }

  public int port() {
    return port;
  }

  /** Connections accepted so far. */
  public int accepted() {
    return accepted.get();
  }

  /**
   * Whether the clients sent {@code text} (as Latin-1) since the last {@link #forget}: a
   * statement's SQL crosses the relay the first time a connection prepares it.
   */
  public boolean sent(String text) {
    return sent.indexOf(text) >= 0;
  }

  /** Forgets what the clients sent so far. */
  public void forget() {
    sent.setLength(0);
  }

  /** Listens (again) on {@link #port}. */
  public void restore() {
    server = vertx.createNetServer().connectHandler(in -> {
      accepted.incrementAndGet();
      in.pause();
      client.connect(target, Services.HOST).onComplete(connected -> {
        if (connected.failed()) {
          in.close();
          return;
        }
        NetSocket out = connected.result();
        open.add(in);
        open.add(out);
        in.handler(bytes -> {
          sent.append(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
          out.write(bytes);
        });
        out.handler(in::write);
        in.closeHandler(v -> out.close());
        out.closeHandler(v -> in.close());
        in.resume();
      });
    });
    Await.result(server.listen(port, Services.HOST));
  }

  /** Stops listening and closes every relayed connection, both ways. */
  public void cut() {
    Await.result(server.close());
    open.forEach(NetSocket::close);
    open.clear();
  }

  @Override
  public void close() {
    Await.result(vertx.close());
  }
}

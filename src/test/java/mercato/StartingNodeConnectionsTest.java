package mercato;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import mercato.testing.Await;
import mercato.testing.PingDomain;
import mercato.testing.Services;
import mercato.testing.TestNode;
import org.junit.jupiter.api.Test;

/**
 * A node's edge is hammered from before its port opens until it is up: every request made
 * on a connection the starting node accepted is answered (or the connection refused or
 * closed), none hangs. A connection accepted while the server was still binding has no
 * socket metric, and its request used to hang (UnmeasuredConnectionsTest holds the cause);
 * the window is narrow, so this guards the whole path rather than reproducing it each run.
 */
class StartingNodeConnectionsTest {
  static final int CLIENTS = 4;
  static final int ROUNDS = 2;
  /** Far above an answer on a busy machine, far below "forever". */
  static final int READ_TIMEOUT_MS = 15_000;

  enum Outcome { ANSWERED, REFUSED, CLOSED, HUNG }

  @Test
  void everyRequestToAStartingNodeIsAnsweredOrRefused() throws Exception {
    Services.require("postgres", "redis");
    Map<Outcome, AtomicLong> outcomes = new ConcurrentHashMap<>();
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome, new AtomicLong());
    }
    List<String> hung = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      int port = Services.freePort();
      AtomicBoolean hammering = new AtomicBoolean(true);
      List<Thread> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        String path = i % 2 == 0 ? "/health/live" : "/health/ready";
        Thread client = new Thread(() -> {
          while (hammering.get()) {
            Outcome outcome = request(port, path);
            outcomes.get(outcome).incrementAndGet();
            if (outcome == Outcome.HUNG) {
              synchronized (hung) {
                hung.add(path + " on " + port);
              }
            }
          }
        }, "startup-client-" + i);
        client.start();
        clients.add(client);
      }
      try (TestNode node = TestNode.of(PingDomain.routesOnly()).withKeys().set("roles", "http")
          .set("http.port", Integer.toString(port)).set("http.instances", "2").start()) {
        // Keep going a little after the node is up, so the first answered requests are counted too.
        long answered = outcomes.get(Outcome.ANSWERED).get();
        Await.until("answers from the started node", Duration.ofSeconds(60),
            () -> outcomes.get(Outcome.ANSWERED).get() >= answered + 50);
      } finally {
        hammering.set(false);
        for (Thread client : clients) {
          client.join();
        }
      }
    }
    System.out.println("requests to starting nodes: " + outcomes);
    assertThat(hung).as("requests that were never answered").isEmpty();
    assertThat(outcomes.get(Outcome.ANSWERED).get()).isGreaterThanOrEqualTo(50L * ROUNDS);
  }

  /** One HTTP/1.1 request on a fresh connection: answered (any status), refused, closed unanswered, or hung. */
  static Outcome request(int port, String path) {
    try (Socket socket = new Socket()) {
      try {
        socket.connect(new InetSocketAddress(Services.HOST, port), 1_000);
      } catch (IOException notAccepted) {
        return Outcome.REFUSED;
      }
      socket.setSoTimeout(READ_TIMEOUT_MS);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + Services.HOST
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] start = in.readNBytes("HTTP/1.1 ".length());
      return new String(start, StandardCharsets.US_ASCII).startsWith("HTTP/1.") ? Outcome.ANSWERED : Outcome.CLOSED;
    } catch (SocketTimeoutException e) {
      return Outcome.HUNG;
    } catch (IOException e) {
      return Outcome.CLOSED;
    }
  }
}

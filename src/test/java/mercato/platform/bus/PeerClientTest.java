package mercato.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one peer client: a result comes back as it is; every failure has one mapping. */
class PeerClientTest {
  private static Vertx vertx;
  private static PeerClient peers;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    new Operations(vertx)
        .on("mercato.test.echo", envelope -> Future.succeededFuture(envelope.bodyObject()))
        .on("mercato.test.refuse", envelope -> Future.failedFuture(Problem.notFound("No such thing.")))
        .on("mercato.test.never", envelope -> Promise.<JsonObject>promise().future())
        .ready().await();
    peers = new PeerClient(vertx, 5_000);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void aResultComesBackAsTheDomainGaveIt() {
    JsonObject result = peers.ask("mercato.test.echo", new JsonObject().put("n", 7), "req-1").await();
    assertThat(result).isEqualTo(new JsonObject().put("n", 7));
  }

  @Test
  void aPeersProblemStaysThatProblem() {
    assertThatThrownBy(() -> peers.ask("mercato.test.refuse", new JsonObject(), "req-2").await())
        .isInstanceOfSatisfying(Problem.class, p -> {
          assertThat(p.status()).isEqualTo(404);
          assertThat(p.slug()).isEqualTo("not-found");
          assertThat(p.detail()).isEqualTo("No such thing.");
        });
  }

  @Test
  void noHandlerIsPeerUnavailable() {
    assertThatThrownBy(() -> peers.ask("mercato.test.nobody", new JsonObject(), "req-3").await())
        .isInstanceOfSatisfying(Problem.class, p -> {
          assertThat(p.status()).isEqualTo(503);
          assertThat(p.slug()).isEqualTo("peer-unavailable");
        });
  }

  @Test
  void noAnswerInTimeIsPeerTimeoutUnderThePerCallTimeout() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> peers.within(200).ask("mercato.test.never", new JsonObject(), "req-4").await())
        .isInstanceOfSatisfying(Problem.class, p -> {
          assertThat(p.status()).isEqualTo(504);
          assertThat(p.slug()).isEqualTo("peer-timeout");
        });
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4_000);
  }
}

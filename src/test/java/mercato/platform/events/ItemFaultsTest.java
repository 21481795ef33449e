package mercato.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.json.DecodeException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import mercato.platform.bus.Problem;
import org.junit.jupiter.api.Test;

/** Which failures are the item's own (set aside) and which are transient (retried). */
class ItemFaultsTest {
  static PgException pg(String state) {
    return new PgException("refused", "ERROR", state, null);
  }

  @Test
  void dataAndIntegrityErrorsAreTheItemsOwn() {
    assertThat(ItemFaults.itemsOwn(pg("22021"))).isTrue(); // a NUL in text
    assertThat(ItemFaults.itemsOwn(pg("22P02"))).isTrue(); // invalid text representation
    assertThat(ItemFaults.itemsOwn(pg("23505"))).isTrue(); // unique violation
    assertThat(ItemFaults.itemsOwn(new RuntimeException("wrapped", pg("23502")))).isTrue();
    assertThat(ItemFaults.itemsOwn(new DecodeException("not JSON"))).isTrue();
    assertThat(ItemFaults.itemsOwn(Problem.invalidField("/data/x", "is required"))).isTrue();
    assertThat(ItemFaults.itemsOwn(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 422, "refused"))).isTrue();
  }

  @Test
  void connectionResourceAndServerFailuresAreTransient() {
    for (Throwable failure : new Throwable[] {pg("08006"), pg("53300"), pg("57P01"), pg("40001"),
        ClosedConnectionException.INSTANCE, new ConnectionPoolTooBusyException("full"),
        new java.net.ConnectException("refused"), Problem.unavailable("away"), Problem.internal(),
        new ReplyException(ReplyFailure.TIMEOUT, "no answer"),
        new ReplyException(ReplyFailure.NO_HANDLERS, 400, "nobody")}) {
      assertThat(ItemFaults.itemsOwn(failure)).as(failure.toString()).isFalse();
    }
    assertThat(ItemFaults.databaseAway(pg("08006"))).isTrue();
    assertThat(ItemFaults.databaseAway(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(ItemFaults.databaseAway(new ConnectionPoolTooBusyException("full"))).isTrue();
    assertThat(ItemFaults.databaseAway(pg("22021"))).isFalse();
  }
}

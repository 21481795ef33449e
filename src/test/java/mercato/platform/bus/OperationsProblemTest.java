package mercato.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** What a caller sees when a domain operation fails: the database away is 503, a bug is 500. */
class OperationsProblemTest {
  private static int status(Throwable failure) {
    return Operations.problemOf("mercato.test.op", "req-1", failure).status();
  }

  @Test
  void anUnreachableDatabaseIsUnavailable() {
    assertThat(status(new VertxException("connect failed", new ConnectException("Connection refused")))).isEqualTo(503);
    assertThat(status(ClosedConnectionException.INSTANCE)).isEqualTo(503);
    assertThat(status(new PgException("the database system is starting up", "FATAL", "57P03", null))).isEqualTo(503);
    assertThat(status(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)))
        .isEqualTo(503);
    assertThat(Operations.problemOf("mercato.test.op", "req-1", ClosedConnectionException.INSTANCE).slug())
        .isEqualTo("unavailable");
  }

  @Test
  void otherFailuresStayInternal() {
    assertThat(status(new PgException("duplicate key value", "ERROR", "23505", null))).isEqualTo(500);
    assertThat(status(new IllegalStateException("a bug"))).isEqualTo(500);
  }
}

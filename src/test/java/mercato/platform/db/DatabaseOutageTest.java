package mercato.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Which failures mean PostgreSQL cannot be reached now (503, or the primary for a browsing read) and which are faults. */
class DatabaseOutageTest {
  @Test
  void transportFailuresAtAnyStepAreOutages() {
    assertThat(DatabaseOutage.is(new ConnectException("Connection refused"))).isTrue();
    // what a standby shutting down gives a connection sending its startup message (seen by scripts/faults.sh)
    assertThat(DatabaseOutage.is(new IOException("Connection reset by peer"))).isTrue();
    assertThat(DatabaseOutage.is(new RuntimeException("wrapped", new IOException("Broken pipe")))).isTrue();
    assertThat(DatabaseOutage.is(new PgException("terminating connection due to administrator command", "FATAL",
        "57P01", null))).isTrue();
    assertThat(DatabaseOutage.is(new PgException("the database system is starting up", "FATAL", "57P03", null)))
        .isTrue();
    assertThat(DatabaseOutage.is(new PgException("connection failure", "FATAL", "08006", null))).isTrue();
  }

  @Test
  void errorsOfTheRequestOrTheCodeAreNot() {
    assertThat(DatabaseOutage.is(new PgException("syntax error at or near \"SELEC\"", "ERROR", "42601", null)))
        .isFalse();
    assertThat(DatabaseOutage.is(new PgException("duplicate key value", "ERROR", "23505", null))).isFalse();
    assertThat(DatabaseOutage.is(new IllegalStateException("a bug"))).isFalse();
  }
}

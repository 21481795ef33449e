package mercato.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import mercato.testing.Await;
import mercato.testing.GreenMailApi;
import mercato.testing.Services;
import mercato.testing.TestDatabase;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes run the sender over one database: each queued mail goes out exactly once,
 * whichever node claims it (FOR UPDATE SKIP LOCKED and a lease).
 */
class TwoSendersTest {
  static TestDatabase db;
  static TestNode first;
  static TestNode second;

  @BeforeAll
  static void start() {
    Services.require("postgres", "smtp");
    db = TestDatabase.create();
    first = sender();
    second = sender();
  }

  /** One of the two nodes sending from the same queue. */
  private static TestNode sender() {
    return TestNode.of(EmailDomain.domain()).roles("email").requiring("postgres", "smtp").on(db)
        .set("email.sweepMs", "50").start();
  }

  @AfterAll
  static void stop() {
    for (TestNode node : new TestNode[] {first, second}) {
      if (node != null) {
        node.close();
      }
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void everyMailIsSentOnceWhenTwoNodesSweepTheSameQueue() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    int count = 40;
    // Queued "elsewhere" in one commit, so both sweeps find them at the same moment.
    db.execute("INSERT INTO email.email (id, recipients, subject, text) "
        + "SELECT gen_random_uuid(), ARRAY['two-" + run + "-' || n || '@example.com'], 'Mail ' || n, 'Body ' || n "
        + "FROM generate_series(1, " + count + ") AS n");
    Await.until("every mail is sent", Duration.ofSeconds(20),
        () -> db.count("SELECT count(*) FROM email.email WHERE status = 'sent' AND subject LIKE 'Mail %'") == count);
    assertThat(db.count("SELECT max(attempts) FROM email.email")).isEqualTo(1);
    for (int n = 1; n <= count; n++) {
      assertThat(GreenMailApi.inbox("two-" + run + "-" + n + "@example.com")).as("mail " + n).hasSize(1);
    }
  }
}

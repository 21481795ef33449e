package mercato.platform.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One round at a time; wake-ups during a round add one; a full round is followed at once. */
class RoundsTest {
  @Test
  void wakeUpsDuringARoundAddOneRoundAndAFullRoundIsFollowedAtOnce() {
    List<Promise<Boolean>> rounds = new ArrayList<>();
    Rounds worker = new Rounds("test", () -> {
      Promise<Boolean> round = Promise.promise();
      rounds.add(round);
      return round.future();
    });
    worker.wake();
    worker.wake();
    worker.wake();
    assertThat(rounds).hasSize(1);
    rounds.get(0).complete(false); // two wake-ups came in meanwhile: one more round
    assertThat(rounds).hasSize(2);
    rounds.get(1).complete(true); // full: the next one at once, with no wake-up
    assertThat(rounds).hasSize(3);
    rounds.get(2).complete(false);
    assertThat(rounds).hasSize(3);
  }
}

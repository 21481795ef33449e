package mercato.platform.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void idsMadeInTheSameMillisecondStillComeOutInOrder() {
    UUID previous = Ids.uuid7();
    for (int i = 0; i < 20_000; i++) {
      UUID next = Ids.uuid7();
      assertThat(next.version()).isEqualTo(7);
      assertThat(next.variant()).isEqualTo(2);
      assertThat(next.toString()).as("id %d after %s", i, previous).isGreaterThan(previous.toString());
      previous = next;
    }
  }

  @Test
  void theTimestampIsTheClocksMillisecond() {
    long before = System.currentTimeMillis();
    UUID id = Ids.uuid7();
    long millis = id.getMostSignificantBits() >>> 16;
    // The counter may borrow a few milliseconds from the future when many ids are made at once.
    assertThat(millis).isBetween(before, System.currentTimeMillis() + 1_000);
  }
}

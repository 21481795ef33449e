package mercato.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** An account's status from its row, and the texts admins filter by, without a database. */
class AccountStatusTest {
  @Test
  void closedBeatsTheActiveFlag() {
    assertThat(AccountStatus.of(true, false)).isEqualTo(AccountStatus.ACTIVE);
    assertThat(AccountStatus.of(false, false)).isEqualTo(AccountStatus.DISABLED);
    assertThat(AccountStatus.of(true, true)).isEqualTo(AccountStatus.CLOSED);
    assertThat(AccountStatus.of(false, true)).isEqualTo(AccountStatus.CLOSED);
  }

  @Test
  void theFilterTakesExactlyTheTexts() {
    assertThat(AccountSearch.STATUSES).containsExactlyInAnyOrder("active", "disabled", "closed");
    assertThat(AccountSearch.STATUSES).doesNotContain("ACTIVE", "suspended", "deleted", "");
  }

  @Test
  void theSqlFilterDerivesTheSameTexts() {
    // The search compares $5 with a CASE that must name each status as the enum spells it.
    Arrays.stream(AccountStatus.values())
        .forEach(status -> assertThat(AccountSearch.SEARCH).contains("'" + status.text + "'"));
  }
}
